using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>The archetypes: hello-world, counter, calculator and url-shortener here (one route module and one test file each); timer, poll, quiz and kanban in their own files.</summary>
static class NodeArchetypeFiles
{
    /// <summary>The module name under src/routes and test/.</summary>
    public static string Module(AppKind kind) => kind switch
    {
        AppKind.HelloWorld => "hello",
        AppKind.Counter => "counter",
        AppKind.Calculator => "calculator",
        AppKind.Timer => "timers",
        AppKind.Poll => "polls",
        AppKind.Quiz => "quizzes",
        AppKind.Kanban => "kanban",
        _ => "links",
    };

    /// <summary>The archetype's source files: its route module (and, for some, a module of its rules).</summary>
    public static IReadOnlyList<GeneratedFile> Source(AppKind kind) => kind switch
    {
        AppKind.Timer => NodeTimerApp.Source(),
        AppKind.Poll => NodePollApp.Source(),
        AppKind.Quiz => NodeQuizApp.Source(),
        AppKind.Kanban => NodeKanbanApp.Source(),
        _ => [Routes(kind)],
    };

    public static GeneratedFile TestFile(AppKind kind) => kind switch
    {
        AppKind.Timer => NodeTimerApp.Tests(),
        AppKind.Poll => NodePollApp.Tests(),
        AppKind.Quiz => NodeQuizApp.Tests(),
        AppKind.Kanban => NodeKanbanApp.Tests(),
        _ => Tests(kind),
    };

    /// <summary>The endpoints, for the README table.</summary>
    public static IReadOnlyList<(string Route, string Does)> Endpoints(AppKind kind) => kind switch
    {
        AppKind.Timer or AppKind.Poll or AppKind.Quiz or AppKind.Kanban => [.. ArchetypeCatalog.Endpoints(kind).Select(e => ($"{e.Method} {e.Path}", e.Summary))],
        AppKind.HelloWorld => [("GET /api/hello?name=Ada", "`{\"message\": \"Hello, Ada!\"}` (`World` when no name; 400 over 100 characters)")],
        AppKind.Counter => [("GET /api/counter", "`{\"value\": n}`"), ("POST /api/counter/increment", "adds one, returns `{\"value\": n}`"),
            ("POST /api/counter/decrement", "subtracts one"), ("POST /api/counter/reset", "back to 0")],
        AppKind.Calculator => [("POST /api/calculate", "`{\"a\": 1, \"b\": 2, \"op\": \"add|subtract|multiply|divide\"}` → `{\"result\": 3}`; 400 for an unknown op or a division by zero")],
        _ => [("POST /api/links", "`{\"url\"}` → 201 `{\"code\", \"url\", \"shortUrl\"}`; 400 unless an absolute http(s) URL"),
            ("GET /api/links", "every short link"), ("GET /api/links/{code}", "one short link or 404"), ("GET /r/{code}", "302 to the URL, 404 when unknown")],
    };

    public static GeneratedFile Routes(AppKind kind) => new($"src/routes/{Module(kind)}.js", kind switch
    {
        AppKind.HelloWorld => """
            'use strict';
            const express = require('express');
            const { validationProblem } = require('../http');

            /** GET /api/hello?name=Ada → { message: "Hello, Ada!" }. */
            module.exports = function routes() {
              const router = express.Router();
              router.get('/api/hello', (req, res) => {
                const name = typeof req.query.name === 'string' && req.query.name.trim() !== '' ? req.query.name.trim() : 'World';
                if (name.length > 100) return validationProblem(res, { name: ['name must be at most 100 characters.'] });
                return res.json({ message: `Hello, ${name}!` });
              });
              return router;
            };

            """,
        AppKind.Counter => """
            'use strict';
            const express = require('express');

            /** A single counter, kept in the "counter" collection. */
            module.exports = function routes({ collection }) {
              const store = collection('counter');
              const router = express.Router();
              const current = () => store.find('counter')?.value ?? 0;
              const set = (value) => store.replace({ id: 'counter', value }).value;

              router.get('/api/counter', (req, res) => res.json({ value: current() }));
              router.post('/api/counter/increment', (req, res) => res.json({ value: set(current() + 1) }));
              router.post('/api/counter/decrement', (req, res) => res.json({ value: set(current() - 1) }));
              router.post('/api/counter/reset', (req, res) => res.json({ value: set(0) }));
              return router;
            };

            """,
        AppKind.Calculator => """
            'use strict';
            const express = require('express');
            const v = require('../validation');
            const { validationProblem } = require('../http');

            const OPERATIONS = {
              add: (a, b) => a + b,
              subtract: (a, b) => a - b,
              multiply: (a, b) => a * b,
              divide: (a, b) => a / b,
            };
            const ALIASES = { '+': 'add', '-': 'subtract', '*': 'multiply', x: 'multiply', '/': 'divide' };

            /** POST /api/calculate { a, b, op } → { result }. */
            module.exports = function routes() {
              const router = express.Router();
              router.post('/api/calculate', (req, res) => {
                const errors = new v.Errors();
                const input = v.isObject(req.body) ? req.body : {};
                const a = v.decimal(input, 'a', 'a', true, errors);
                const b = v.decimal(input, 'b', 'b', true, errors);
                const raw = typeof input.op === 'string' ? input.op.trim().toLowerCase() : '';
                const op = ALIASES[raw] ?? raw;
                if (!Object.hasOwn(OPERATIONS, op)) errors.add('op', 'op must be one of add, subtract, multiply, divide.');
                else if (op === 'divide' && b === 0) errors.add('b', 'Division by zero is not allowed.');
                if (errors.any) return validationProblem(res, errors.errors);
                return res.json({ result: OPERATIONS[op](a, b) });
              });
              return router;
            };

            """,
        _ => """
            'use strict';
            const express = require('express');
            const { randomBytes } = require('node:crypto');
            const v = require('../validation');
            const { problem, validationProblem } = require('../http');

            const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

            /** Short links: POST /api/links, GET /api/links, GET /r/{code} → 302. */
            module.exports = function routes({ collection }) {
              const store = collection('links');
              const router = express.Router();
              const toJson = (req, link) => ({ code: link.code, url: link.url, shortUrl: `${req.protocol}://${req.get('host')}/r/${link.code}`, createdAt: link.createdAt });

              function newCode() {
                for (;;) {
                  const code = [...randomBytes(7)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
                  if (!store.find(code)) return code;
                }
              }

              router.post('/api/links', (req, res) => {
                const errors = new v.Errors();
                const url = v.url(v.isObject(req.body) ? req.body : {}, 'url', 'url', true, errors);
                if (errors.any) return validationProblem(res, errors.errors);
                const code = newCode();
                const link = store.insert({ id: code, code, url, createdAt: new Date().toISOString() });
                return res.status(201).location(`/api/links/${code}`).json(toJson(req, link));
              });

              router.get('/api/links', (req, res) => res.json(store.all().map((link) => toJson(req, link))));

              router.get('/api/links/:code', (req, res) => {
                const link = store.find(req.params.code);
                if (!link) return problem(res, 404, 'Not Found', `No short link ${req.params.code}.`);
                return res.json(toJson(req, link));
              });

              router.get('/r/:code', (req, res) => {
                const link = store.find(req.params.code);
                if (!link) return problem(res, 404, 'Not Found', `No short link ${req.params.code}.`);
                return res.redirect(302, link.url);
              });
              return router;
            };

            """,
    });

    public static GeneratedFile Tests(AppKind kind) => new($"test/{Module(kind)}.test.js", "'use strict';\n" +
        "const { test, before, after } = require('node:test');\n" +
        "const assert = require('node:assert/strict');\n" +
        "const { start } = require('./helpers');\n\n" +
        "let server;\nbefore(async () => { server = await start(); });\nafter(() => server.close());\n\n" + kind switch
    {
        AppKind.HelloWorld => """
            test('greets the world by default', async () => {
              const res = await server.api('GET', '/api/hello');
              assert.equal(res.status, 200);
              assert.deepEqual(res.body, { message: 'Hello, World!' });
            });

            test('greets by name', async () => {
              const res = await server.api('GET', '/api/hello?name=Ada');
              assert.equal(res.status, 200);
              assert.deepEqual(res.body, { message: 'Hello, Ada!' });
            });

            test('rejects a name over 100 characters', async () => {
              const res = await server.api('GET', `/api/hello?name=${'a'.repeat(101)}`);
              assert.equal(res.status, 400);
              assert.ok(res.body.errors.name);
            });

            """,
        AppKind.Counter => """
            test('counts up, down and resets', async () => {
              assert.deepEqual((await server.api('GET', '/api/counter')).body, { value: 0 });
              assert.deepEqual((await server.api('POST', '/api/counter/increment')).body, { value: 1 });
              assert.deepEqual((await server.api('POST', '/api/counter/increment')).body, { value: 2 });
              assert.deepEqual((await server.api('POST', '/api/counter/decrement')).body, { value: 1 });
              assert.deepEqual((await server.api('GET', '/api/counter')).body, { value: 1 });
              const reset = await server.api('POST', '/api/counter/reset');
              assert.equal(reset.status, 200);
              assert.deepEqual(reset.body, { value: 0 });
            });

            """,
        AppKind.Calculator => """
            const calculate = (body) => server.api('POST', '/api/calculate', body);

            test('adds, subtracts, multiplies and divides', async () => {
              assert.deepEqual((await calculate({ a: 1, b: 2, op: 'add' })).body, { result: 3 });
              assert.deepEqual((await calculate({ a: 5, b: 2, op: 'subtract' })).body, { result: 3 });
              assert.deepEqual((await calculate({ a: 4, b: 2.5, op: 'multiply' })).body, { result: 10 });
              assert.deepEqual((await calculate({ a: 9, b: 2, op: 'divide' })).body, { result: 4.5 });
            });

            test('rejects an unknown operation', async () => {
              const res = await calculate({ a: 1, b: 2, op: 'power' });
              assert.equal(res.status, 400);
              assert.ok(res.body.errors.op);
            });

            test('rejects a division by zero', async () => {
              const res = await calculate({ a: 1, b: 0, op: 'divide' });
              assert.equal(res.status, 400);
              assert.ok(res.body.errors.b);
            });

            test('rejects missing operands', async () => {
              const res = await calculate({ op: 'add' });
              assert.equal(res.status, 400);
              assert.ok(res.body.errors.a && res.body.errors.b);
            });

            """,
        _ => """
            test('shortens a URL and redirects to it', async () => {
              const created = await server.api('POST', '/api/links', { url: 'https://example.com/a/long/path' });
              assert.equal(created.status, 201);
              assert.equal(created.body.url, 'https://example.com/a/long/path');
              assert.match(created.body.code, /^[A-Za-z0-9]+$/);
              assert.ok(created.body.shortUrl.endsWith(`/r/${created.body.code}`));

              const list = await server.api('GET', '/api/links');
              assert.ok(list.body.some((link) => link.code === created.body.code));

              const redirect = await server.api('GET', `/r/${created.body.code}`);
              assert.equal(redirect.status, 302);
              assert.equal(redirect.headers.get('location'), 'https://example.com/a/long/path');
            });

            test('rejects anything but an absolute http(s) URL', async () => {
              for (const url of ['not a url', 'ftp://example.com', '/relative', '']) {
                const res = await server.api('POST', '/api/links', { url });
                assert.equal(res.status, 400, url);
                assert.ok(res.body.errors.url);
              }
            });

            test('answers 404 for an unknown code', async () => {
              const res = await server.api('GET', '/r/unknown');
              assert.equal(res.status, 404);
              assert.equal(res.body.status, 404);
            });

            """,
    });
}
