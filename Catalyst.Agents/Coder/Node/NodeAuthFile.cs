using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>src/auth.js: registration, sign-in and bearer tokens (PBKDF2-SHA256 password hashes, in-memory tokens).</summary>
static class NodeAuthFile
{
    public static GeneratedFile Create() => new("src/auth.js", """
        'use strict';
        const express = require('express');
        const { pbkdf2Sync, randomBytes, randomUUID, timingSafeEqual } = require('node:crypto');
        const { Errors, isObject } = require('./validation');
        const { problem, validationProblem } = require('./http');

        const ITERATIONS = 100000;
        const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
        const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
        const DUMMY_SALT = randomBytes(16);

        const hash = (password, salt) => pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');

        function verify(password, user) {
          const expected = Buffer.from(user.hash, 'hex');
          const actual = hash(password, Buffer.from(user.salt, 'hex'));
          return actual.length === expected.length && timingSafeEqual(actual, expected);
        }

        function credentials(body) {
          const input = isObject(body) ? body : {};
          return {
            email: typeof input.email === 'string' ? input.email.trim().toLowerCase() : '',
            password: typeof input.password === 'string' ? input.password : '',
          };
        }

        /**
         * Users live in the "users" collection (email, salt, PBKDF2 hash: never the password itself).
         * Tokens are random 256-bit values kept in memory for 24 hours.
         */
        function createAuth(collection) {
          const users = collection('users');
          const tokens = new Map();

          function issueToken(user) {
            const now = Date.now();
            for (const [token, session] of tokens) if (session.expiresAt <= now) tokens.delete(token);
            const token = randomBytes(32).toString('hex');
            tokens.set(token, { userId: user.id, expiresAt: now + TOKEN_LIFETIME_MS });
            return token;
          }

          function requireAuth(req, res, next) {
            const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
            const session = match ? tokens.get(match[1]) : undefined;
            const user = session && session.expiresAt > Date.now() ? users.find(session.userId) : undefined;
            if (!user) return problem(res, 401, 'Unauthorized', 'Sign in and send the token as "Authorization: Bearer <token>".');
            req.user = { id: user.id, email: user.email };
            return next();
          }

          const router = express.Router();

          router.post('/register', (req, res) => {
            const { email, password } = credentials(req.body);
            const errors = new Errors();
            if (!EMAIL.test(email) || email.length > 200) errors.add('email', 'email must be an email address.');
            if (password.length < 8) errors.add('password', 'password must be at least 8 characters.');
            if (errors.any) return validationProblem(res, errors.errors);
            if (users.all().some((user) => user.email === email)) {
              return problem(res, 409, 'Conflict', `The email ${email} is already registered.`);
            }
            const salt = randomBytes(16);
            const user = { id: randomUUID(), email, salt: salt.toString('hex'), hash: hash(password, salt).toString('hex'), createdAt: new Date().toISOString() };
            users.insert(user);
            return res.status(201).json({ id: user.id, email: user.email, token: issueToken(user) });
          });

          router.post('/login', (req, res) => {
            const { email, password } = credentials(req.body);
            const user = users.all().find((candidate) => candidate.email === email);
            if (!user) hash(password, DUMMY_SALT); // same work either way: no hint which emails exist
            if (!user || !verify(password, user)) return problem(res, 401, 'Unauthorized', 'The email or password is wrong.');
            return res.json({ token: issueToken(user) });
          });

          router.get('/me', requireAuth, (req, res) => res.json(req.user));

          return { router, requireAuth };
        }

        module.exports = { createAuth };

        """);
}
