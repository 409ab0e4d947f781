using System.Text;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>The Express skeleton: package.json, the app and server entry points, the store, HTTP and validation helpers.</summary>
static class NodeRuntimeFiles
{
    public static GeneratedFile PackageJson(AppSpec spec) => new("package.json", $$"""
        {
          "name": {{Js.Str(spec.Name)}},
          "version": "1.0.0",
          "description": {{Js.Str(spec.Title)}},
          "private": true,
          "type": "commonjs",
          "main": "src/server.js",
          "scripts": {
            "start": "node src/server.js",
            "test": "node --test test/*.test.js"
          },
          "engines": {
            "node": ">=20"
          },
          "dependencies": {
            "express": "4.21.2"
          }
        }

        """);

    public static GeneratedFile Server(AppSpec spec) => new("src/server.js", $$"""
        'use strict';
        const { createApp } = require('./app');

        const port = process.env.PORT || 8080;
        const dataDir = process.env.DATA_DIR || './data';
        const host = process.env.HOST || '0.0.0.0';
        const server = createApp({ dataDir }).listen(port, host, () => {
          console.log({{Js.Str(spec.Title)}} + ' listening on http://localhost:' + port + ' (data: ' + dataDir + ')');
        });

        for (const signal of ['SIGINT', 'SIGTERM']) {
          process.on(signal, () => server.close(() => process.exit(0)));
        }

        """);

    public static GeneratedFile App(AppSpec spec)
    {
        var mounts = new StringBuilder();
        if (spec.Features.Auth) mounts.AppendLine("  app.use('/api/auth', auth.router);");
        if (spec.Kind == AppKind.Crud)
            foreach (var entity in spec.Entities)
                mounts.AppendLine($"  app.use({Js.Str("/api/" + entity.Route)}, require({Js.Str("./routes/" + entity.Route)})(deps));");
        else
            mounts.AppendLine($"  app.use(require('./routes/{NodeArchetypeFiles.Module(spec.Kind)}')(deps));");
        var auth = spec.Features.Auth;
        var clock = spec.Kind == AppKind.Timer;
        return new("src/app.js", $$"""
            'use strict';
            const path = require('node:path');
            const express = require('express');
            const { createStores } = require('./store');
            {{(auth ? "const { createAuth } = require('./auth');\n" : "")}}const { problem, validationProblem } = require('./http');

            /** Builds the {{spec.Title}} Express app. dataDir ':memory:' keeps every record in memory.{{(clock ? " now() is the clock, in milliseconds since the epoch." : "")}} */
            function createApp({ dataDir = process.env.DATA_DIR || './data'{{(clock ? ", now = () => Date.now()" : "")}} } = {}) {
              const collection = createStores(dataDir);
            {{(auth ? "  const auth = createAuth(collection);\n  const deps = { collection, requireAuth: auth.requireAuth };" : clock ? "  const deps = { collection, now };" : "  const deps = { collection };")}}
              const app = express();
              app.disable('x-powered-by');
              app.use(express.json({ limit: '1mb' }));

              app.get('/health', (req, res) => res.json({ status: 'healthy' }));
              app.use(express.static(path.join(__dirname, '..', 'public')));
            {{mounts.ToString().TrimEnd()}}

              app.use('/api', (req, res) => problem(res, 404, 'Not Found', `No API route ${req.method} ${req.originalUrl}.`));
              app.use((req, res) => problem(res, 404, 'Not Found', `Nothing at ${req.originalUrl}.`));
              // eslint-disable-next-line no-unused-vars
              app.use((err, req, res, next) => {
                if (err.type === 'entity.parse.failed') {
                  return validationProblem(res, { body: ['The request body is not valid JSON.'] }, 'The request body is not valid JSON.');
                }
                const status = err.status >= 400 && err.status < 500 ? err.status : 500;
                if (status === 500) console.error(err);
                return problem(res, status, status === 500 ? 'Internal Server Error' : 'Bad Request', status === 500 ? 'An unexpected error occurred.' : err.message);
              });
              return app;
            }

            module.exports = { createApp };

            """);
    }

    public static GeneratedFile Store() => new("src/store.js", """
        'use strict';
        const fs = require('node:fs');
        const path = require('node:path');

        /** One collection of records, loaded from DATA_DIR/<name>.json and written back after each change. */
        class Store {
          constructor(dataDir, name) {
            this.file = dataDir === ':memory:' ? null : path.join(dataDir, `${name}.json`);
            this.items = [];
            if (this.file) {
              fs.mkdirSync(dataDir, { recursive: true });
              if (fs.existsSync(this.file)) this.items = JSON.parse(fs.readFileSync(this.file, 'utf8'));
            }
          }

          all() {
            return this.items;
          }

          find(id) {
            return this.items.find((item) => item.id === id);
          }

          insert(item) {
            this.items.push(item);
            this.save();
            return item;
          }

          replace(item) {
            const index = this.items.findIndex((existing) => existing.id === item.id);
            if (index >= 0) this.items[index] = item;
            else this.items.push(item);
            this.save();
            return item;
          }

          remove(id) {
            const index = this.items.findIndex((item) => item.id === id);
            if (index < 0) return false;
            this.items.splice(index, 1);
            this.save();
            return true;
          }

          save() {
            if (!this.file) return;
            const temp = `${this.file}.tmp`;
            fs.writeFileSync(temp, JSON.stringify(this.items, null, 2));
            fs.renameSync(temp, this.file);
          }
        }

        /** Opens each collection once; dataDir ':memory:' keeps everything in memory. */
        function createStores(dataDir) {
          const stores = new Map();
          return (name) => {
            if (!stores.has(name)) stores.set(name, new Store(dataDir, name));
            return stores.get(name);
          };
        }

        module.exports = { Store, createStores };

        """);

    public static GeneratedFile Http() => new("src/http.js", """
        'use strict';

        /** 400 with the errors per field: { title, status, errors: { field: [message] } }. */
        function validationProblem(res, errors, title = 'One or more validation errors occurred.') {
          return res.status(400).json({ title, status: 400, errors });
        }

        /** 401, 404, 409...: { title, status, detail }. */
        function problem(res, status, title, detail) {
          return res.status(status).json({ title, status, detail });
        }

        /** The trimmed value of a query parameter, or null when absent or blank. */
        function queryValue(query, name) {
          const value = Array.isArray(query[name]) ? query[name][0] : query[name];
          return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
        }

        module.exports = { validationProblem, problem, queryValue };

        """);

    public static GeneratedFile Validation() => new("src/validation.js", ValidationSource.Replace("{{PHONE}}", Architect.OpenApiContract.PhonePattern.Replace("/", "\\/"), StringComparison.Ordinal));

    const string ValidationSource = """
        'use strict';

        const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
        const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
        const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
        const NUMBER = /^-?\d+(\.\d+)?$/;
        const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
        const PHONE = /{{PHONE}}/;

        /** Collects { field: [message] } for a 400 response. */
        class Errors {
          constructor() {
            this.errors = {};
          }

          add(field, message) {
            (this.errors[field] ??= []).push(message);
          }

          get any() {
            return Object.keys(this.errors).length > 0;
          }
        }

        const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
        const isBlank = (value) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

        function missing(errors, name, label, required, fallback) {
          if (required) errors.add(name, `${label} is required.`);
          return fallback;
        }

        function invalid(errors, name, message) {
          errors.add(name, message);
          return null;
        }

        function text(body, name, label, required, errors, max = 5000) {
          const value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          if (typeof value !== 'string') return invalid(errors, name, `${label} must be a string.`);
          if (value.trim().length > max) return invalid(errors, name, `${label} must be at most ${max} characters.`);
          return value.trim();
        }

        const string = (body, name, label, required, errors) => text(body, name, label, required, errors, 200);

        function email(body, name, label, required, errors) {
          const value = text(body, name, label, required, errors, 200);
          if (value !== null && !EMAIL.test(value)) return invalid(errors, name, `${label} must be an email address.`);
          return value;
        }

        function isHttpUrl(value) {
          try {
            const url = new URL(value);
            return url.protocol === 'http:' || url.protocol === 'https:';
          } catch {
            return false;
          }
        }

        function url(body, name, label, required, errors) {
          const value = text(body, name, label, required, errors, 2000);
          if (value !== null && !isHttpUrl(value)) return invalid(errors, name, `${label} must be an absolute http(s) URL.`);
          return value;
        }

        function phone(body, name, label, required, errors) {
          const value = text(body, name, label, required, errors, 200);
          if (value !== null && !PHONE.test(value)) return invalid(errors, name, `${label} must be a phone number (digits, spaces, dashes, brackets, an optional leading +).`);
          return value;
        }

        function number(body, name, label, required, errors, { min, max, whole } = {}) {
          let value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          if (typeof value === 'string' && NUMBER.test(value.trim())) value = Number(value);
          if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(errors, name, `${label} must be a number.`);
          if (whole && !Number.isInteger(value)) return invalid(errors, name, `${label} must be a whole number.`);
          if (min !== undefined && max !== undefined && (value < min || value > max)) return invalid(errors, name, `${label} must be between ${min} and ${max}.`);
          if (min !== undefined && value < min) return invalid(errors, name, min === 0 ? `${label} cannot be negative.` : `${label} must be at least ${min}.`);
          if (max !== undefined && value > max) return invalid(errors, name, `${label} must be at most ${max}.`);
          return value;
        }

        const money = (body, name, label, required, errors) => number(body, name, label, required, errors, { min: 0 });
        const decimal = (body, name, label, required, errors) => number(body, name, label, required, errors);
        const integer = (body, name, label, required, errors, { min = 0, max } = {}) => number(body, name, label, required, errors, { min, max, whole: true });

        /** One of the allowed values, matched ignoring case and stored as the option is spelled. */
        function oneOf(body, name, label, required, errors, options) {
          const value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          const option = typeof value === 'string' ? options.find((entry) => entry.toLowerCase() === value.trim().toLowerCase()) : undefined;
          if (option === undefined) return invalid(errors, name, `${label} must be one of: ${options.join(', ')}.`);
          return option;
        }

        /** An ISO 8601 date and time; stored as UTC ("2026-01-15T18:30:00.000Z"). */
        function datetime(body, name, label, required, errors) {
          const value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          if (typeof value !== 'string' || !DATE_TIME.test(value.trim()) || !isRealDate(value.trim().slice(0, 10)) || Number.isNaN(Date.parse(value.trim()))) {
            return invalid(errors, name, `${label} must be a date and time (ISO 8601, e.g. 2026-01-15T18:30:00Z).`);
          }
          return new Date(value.trim()).toISOString();
        }

        function boolean(body, name, label, required, errors) {
          const value = body[name];
          if (value === undefined || value === null || value === '') return missing(errors, name, label, required, false);
          if (value === true || value === 'true') return true;
          if (value === false || value === 'false') return false;
          return invalid(errors, name, `${label} must be true or false.`);
        }

        function isRealDate(value) {
          const match = DATE.exec(value);
          if (!match) return false;
          const [year, month, day] = match.slice(1).map(Number);
          const date = new Date(Date.UTC(year, month - 1, day));
          return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        }

        function date(body, name, label, required, errors) {
          const value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          if (typeof value !== 'string' || !isRealDate(value.trim())) return invalid(errors, name, `${label} must be a date (YYYY-MM-DD).`);
          return value.trim();
        }

        function list(body, name, label, required, errors) {
          let value = body[name];
          if (typeof value === 'string') value = value.split(',');
          if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
            value = value.map((entry) => entry.trim()).filter((entry) => entry !== '');
          }
          if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return missing(errors, name, label, required, []);
          if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) return invalid(errors, name, `${label} must be a list of strings.`);
          if (value.some((entry) => entry.length > 200)) return invalid(errors, name, `each of ${label} must be at most 200 characters.`);
          return value;
        }

        function reference(body, name, label, required, errors) {
          const value = body[name];
          if (isBlank(value)) return missing(errors, name, label, required, null);
          if (typeof value !== 'string' || !UUID.test(value.trim())) return invalid(errors, name, `${label} must be an id.`);
          return value.trim().toLowerCase();
        }

        /** Order for ?sort=: nulls first, text ignoring case, then numbers, booleans and ISO dates as themselves. */
        function compareValues(a, b) {
          if (a === b) return 0;
          if (a === null || a === undefined) return -1;
          if (b === null || b === undefined) return 1;
          const [x, y] = typeof a === 'string' && typeof b === 'string' ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
          return x < y ? -1 : x > y ? 1 : 0;
        }

        /** Case-insensitive equality of two strings. */
        const sameText = (value, wanted) => typeof value === 'string' && value.toLowerCase() === wanted.toLowerCase();

        module.exports = {
          Errors, isObject, isHttpUrl, sameText, compareValues,
          string, text, email, url, phone, money, decimal, integer, boolean, date, datetime, oneOf, list, reference,
        };

        """;

    public static GeneratedFile GitIgnore() => new(".gitignore", """
        node_modules/
        data/
        npm-debug.log*
        .env

        """);

    public static GeneratedFile EnvExample() => new(".env.example", """
        # Port the server listens on.
        PORT=8080
        # Folder for the JSON data files; ":memory:" keeps everything in memory.
        DATA_DIR=./data

        """);
}
