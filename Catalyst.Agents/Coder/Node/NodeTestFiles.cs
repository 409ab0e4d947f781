using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>node:test suites: shared helpers and fixtures, the app as a whole, each entity, and auth.</summary>
static class NodeTestFiles
{
    public static GeneratedFile Helpers(AppSpec spec)
    {
        var samples = new StringBuilder();
        var references = new StringBuilder();
        foreach (var entity in spec.Kind == AppKind.Crud ? spec.Entities : [])
        {
            var sample = new JsonObject();
            foreach (var field in entity.Fields.Where(f => f.Type != FieldType.Reference)) sample[field.JsonName] = Js.Sample(field);
            if (Js.HasTags(spec, entity)) sample["tags"] = new JsonArray("alpha", "beta");
            samples.AppendLine($"  {Js.Str(entity.Route)}: {Js.Lit(sample)},");
            var refs = entity.References.Where(f => Js.Target(spec, f) is not null).Select(f => $"[{Js.Str(f.JsonName)}, {Js.Str(Js.Target(spec, f)!.Route)}]").ToList();
            if (refs.Count > 0) references.AppendLine($"  {Js.Str(entity.Route)}: [{string.Join(", ", refs)}],");
        }
        return new("test/helpers.js", $$"""
            'use strict';
            const assert = require('node:assert/strict');
            const { once } = require('node:events');
            const { randomUUID } = require('node:crypto');
            const { createApp } = require('../src/app');

            /** A valid body per entity route (references are created on the fly, see buildBody). */
            const samples = {
            {{samples.ToString().TrimEnd()}}
            };

            /** Reference fields per entity route: [field, referenced route]. */
            const references = {
            {{references.ToString().TrimEnd()}}
            };

            /** A JSON client for the running app: api(method, path, body) → { status, body, headers }. */
            function client(base, token) {
              return async (method, path, body) => {
                const headers = {};
                if (body !== undefined) headers['content-type'] = 'application/json';
                if (token) headers.authorization = `Bearer ${token}`;
                const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
                const text = await res.text();
                let json = null;
                try {
                  json = text ? JSON.parse(text) : null;
                } catch {
                  json = null;
                }
                return { status: res.status, body: json, text, headers: res.headers };
              };
            }

            /** Starts the app on an ephemeral port; data in memory unless a dataDir is given. */
            async function start(dataDir = ':memory:') {
              const server = createApp({ dataDir }).listen(0, '127.0.0.1');
              await once(server, 'listening');
              const base = `http://127.0.0.1:${server.address().port}`;
              return {
                base,
                api: client(base),
                close: () => new Promise((resolve) => {
                  server.closeAllConnections();
                  server.close(resolve);
                }),
              };
            }

            /** Registers a new user; returns { id, email, password, token, api } with api signed in. */
            async function signUp(base, email = `user-${randomUUID()}@example.com`) {
              const password = 'correct horse battery';
              const res = await client(base)('POST', '/api/auth/register', { email, password });
              assert.equal(res.status, 201, res.text);
              return { ...res.body, password, api: client(base, res.body.token) };
            }

            /** A valid body for route, after creating the records it refers to. */
            async function buildBody(api, route, depth = 0) {
              const body = structuredClone(samples[route]);
              for (const [field, target] of references[route] ?? []) {
                if (depth < 3) body[field] = (await createRecord(api, target, depth + 1)).id;
              }
              return body;
            }

            /** Creates a record of route (and what it refers to); returns the created item. */
            async function createRecord(api, route, depth = 0, changes = {}) {
              const res = await api('POST', `/api/${route}`, { ...(await buildBody(api, route, depth)), ...changes });
              assert.equal(res.status, 201, res.text);
              assert.equal(res.headers.get('location'), `/api/${route}/${res.body.id}`);
              return res.body;
            }

            /** The writable part of an item: everything but id and createdAt. */
            function bodyOf(item) {
              const { id, createdAt, ...body } = item; // eslint-disable-line no-unused-vars
              return body;
            }

            module.exports = { samples, references, client, start, signUp, buildBody, createRecord, bodyOf };

            """);
    }

    public static GeneratedFile App(AppSpec spec)
    {
        var post = spec.Kind switch
        {
            AppKind.Crud => spec.Entities.Count > 0 ? $"/api/{spec.Entities[0].Route}" : "/api/items",
            AppKind.HelloWorld => "/api/hello",
            AppKind.Counter => "/api/counter/increment",
            AppKind.Calculator => "/api/calculate",
            var kind when ArchetypeCatalog.Contains(kind) => ArchetypeCatalog.Endpoints(kind).First(e => e.Method == "POST").Path,
            _ => "/api/links",
        };
        return new("test/app.test.js", $$"""
            'use strict';
            const { test, before, after } = require('node:test');
            const assert = require('node:assert/strict');
            const { start } = require('./helpers');

            let server;
            before(async () => { server = await start(); });
            after(() => server.close());

            test('reports healthy', async () => {
              const res = await server.api('GET', '/health');
              assert.equal(res.status, 200);
              assert.deepEqual(res.body, { status: 'healthy' });
            });

            test('serves the frontend at /', async () => {
              const res = await server.api('GET', '/');
              assert.equal(res.status, 200);
              assert.match(res.headers.get('content-type'), /text\/html/);
              const schema = await server.api('GET', '/schema.json');
              assert.equal(schema.status, 200);
              assert.equal(schema.body.title, {{Js.Str(Frontend.FrontendAssets.Title(spec))}});
            });

            test('answers unknown API routes with a JSON 404', async () => {
              const res = await server.api('GET', '/api/does-not-exist');
              assert.equal(res.status, 404);
              assert.equal(res.body.status, 404);
            });

            test('answers a malformed JSON body with a JSON 400', async () => {
              const res = await fetch(server.base + {{Js.Str(post)}}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops": ' });
              assert.equal(res.status, 400);
              const body = await res.json();
              assert.equal(body.status, 400);
              assert.ok(body.errors);
            });

            """);
    }

    public static GeneratedFile Entity(AppSpec spec, EntitySpec entity)
    {
        var auth = spec.Features.Auth;
        var label = entity.Label;
        var t = new StringBuilder($$"""
            'use strict';
            const { test, before, after } = require('node:test');
            const assert = require('node:assert/strict');
            const { randomUUID } = require('node:crypto');
            const h = require('./helpers');

            const route = {{Js.Str(entity.Route)}};
            const path = `/api/${route}`;
            let server;
            let api;

            before(async () => {
              server = await h.start();
              api = {{(auth ? "(await h.signUp(server.base)).api" : "server.api")}};
            });
            after(() => server.close());

            """);

        var change = new JsonObject();
        var changed = entity.Fields.FirstOrDefault(f => Js.IsText(f.Type)) ?? entity.Fields.FirstOrDefault(f => f.Type != FieldType.Reference);
        if (changed is not null) change[changed.JsonName] = Js.Other(changed);
        if (Js.HasTags(spec, entity)) change["tags"] = new JsonArray("gamma");
        t.Append($$"""

            test({{Js.Str($"creates, reads, lists, updates and deletes a {label}")}}, async () => {
              const created = await h.createRecord(api, route);
              assert.match(created.id, /^[0-9a-f-]{36}$/);
              assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
              for (const [key, value] of Object.entries(h.samples[route])) assert.deepEqual(created[key], value, key);

              const fetched = await api('GET', `${path}/${created.id}`);
              assert.equal(fetched.status, 200);
              assert.deepEqual(fetched.body, created);

              const list = await api('GET', path);
              assert.equal(list.status, 200);
              assert.ok(list.body.some((item) => item.id === created.id));

              const change = {{Js.Lit(change)}};
              const updated = await api('PUT', `${path}/${created.id}`, { ...h.bodyOf(created), ...change });
              assert.equal(updated.status, 200, updated.text);
              assert.equal(updated.body.id, created.id);
              assert.equal(updated.body.createdAt, created.createdAt);
              for (const [key, value] of Object.entries(change)) assert.deepEqual(updated.body[key], value, key);
              assert.deepEqual((await api('GET', `${path}/${created.id}`)).body, updated.body);

              assert.equal((await api('DELETE', `${path}/${created.id}`)).status, 204);
              assert.equal((await api('GET', `${path}/${created.id}`)).status, 404);
            });

            test({{Js.Str($"answers 404 for an unknown {label}")}}, async () => {
              const id = randomUUID();
              const fetched = await api('GET', `${path}/${id}`);
              assert.equal(fetched.status, 404);
              assert.equal(fetched.body.status, 404);
              assert.equal((await api('PUT', `${path}/${id}`, await h.buildBody(api, route))).status, 404);
              assert.equal((await api('DELETE', `${path}/${id}`)).status, 404);
            });

            test({{Js.Str($"rejects invalid {entity.Plural.ToLowerInvariant()} field by field")}}, async () => {
              const invalid = [
            {{string.Concat(entity.Fields.Select(f => $"    [{Js.Str(f.JsonName)}, {Js.Invalid(f)}],\n"))}}  ];
              for (const [field, value] of invalid) {
                const res = await api('POST', path, { ...(await h.buildBody(api, route)), [field]: value });
                assert.equal(res.status, 400, field);
                assert.equal(res.body.status, 400);
                assert.ok(res.body.errors[field], field);
              }
            });

            """);

        foreach (var field in entity.Fields.Where(f => f.Required))
            t.Append($$"""

                test({{Js.Str($"requires the {field.Label} of a {label}")}}, async () => {
                  const body = await h.buildBody(api, route);
                  delete body[{{Js.Str(field.JsonName)}}];
                  const res = await api('POST', path, body);
                  assert.equal(res.status, 400);
                  assert.deepEqual(res.body.errors[{{Js.Str(field.JsonName)}}], [{{Js.Str($"{field.Label} is required.")}}]);
                  const blank = await api('POST', path, { ...body, [{{Js.Str(field.JsonName)}}]: {{(field.Type == FieldType.StringList ? "[]" : "null")}} });
                  assert.equal(blank.status, 400);
                });

                """);

        var searchable = entity.Fields.FirstOrDefault(f => Js.IsSearchable(f.Type));
        if (spec.Features.Search && searchable is not null)
            t.Append($$"""

                test({{Js.Str($"searches {entity.Plural.ToLowerInvariant()} with ?q=")}}, async () => {
                  const match = await h.createRecord(api, route, 0, { [{{Js.Str(searchable.JsonName)}}]: {{Js.Lit(Js.Searchable(searchable))}} });
                  const other = await h.createRecord(api, route);
                  const res = await api('GET', `${path}?q=ZEBRA`);
                  assert.equal(res.status, 200);
                  assert.ok(res.body.some((item) => item.id === match.id));
                  assert.ok(!res.body.some((item) => item.id === other.id));
                });

                """);

        if (Js.HasTags(spec, entity))
            t.Append($$"""

                test({{Js.Str($"filters {entity.Plural.ToLowerInvariant()} by tag")}}, async () => {
                  const tagged = await h.createRecord(api, route, 0, { tags: ['alpha', 'beta'] });
                  const other = await h.createRecord(api, route, 0, { tags: ['gamma'] });
                  const res = await api('GET', `${path}?tag=ALPHA`);
                  assert.equal(res.status, 200);
                  assert.ok(res.body.some((item) => item.id === tagged.id));
                  assert.ok(!res.body.some((item) => item.id === other.id));
                });

                """);

        if (entity.Fields.FirstOrDefault(f => f.Filterable) is { } filter)
        {
            var others = filter.Type == FieldType.Reference ? "{}" : $"{{ [{Js.Str(filter.JsonName)}]: {Js.Lit(Js.Other(filter))} }}";
            t.Append($$"""

                test({{Js.Str($"filters {entity.Plural.ToLowerInvariant()} by {filter.Label}")}}, async () => {
                  const match = await h.createRecord(api, route);
                  const other = await h.createRecord(api, route, 0, {{others}});
                  const value = match[{{Js.Str(filter.JsonName)}}];
                  const wanted = Array.isArray(value) ? value[0] : typeof value === 'string' ? value.toUpperCase() : String(value);
                  const res = await api('GET', `${path}?${{{Js.Str(filter.JsonName)}}}=${encodeURIComponent(wanted)}`);
                  assert.equal(res.status, 200);
                  assert.ok(res.body.some((item) => item.id === match.id));
                  assert.ok(!res.body.some((item) => item.id === other.id));
                });

                """);
        }

        if (Js.Totals(spec, entity) is { } totals)
            t.Append($$"""

                test({{Js.Str($"totals the {totals.Sum.Label} per {totals.Group.Label}")}}, async () => {
                  const keyOf = (raw) => (raw === null || raw === undefined ? '' : Array.isArray(raw) ? raw.join(', ') : String(raw));
                  const before = (await api('GET', `${path}/totals`)).body;
                  const created = await h.createRecord(api, route);
                  const res = await api('GET', `${path}/totals`);
                  assert.equal(res.status, 200);
                  const keys = res.body.map((entry) => entry.key);
                  assert.deepEqual(keys, [...keys].sort());
                  const key = keyOf(created[{{Js.Str(totals.Group.JsonName)}}]);
                  const was = before.find((entry) => entry.key === key) ?? { total: 0, count: 0 };
                  const now = res.body.find((entry) => entry.key === key);
                  assert.equal(now.count, was.count + 1);
                  assert.ok(Math.abs(now.total - was.total - Number(created[{{Js.Str(totals.Sum.JsonName)}}] ?? 0)) < 1e-6);
                });

                """);

        foreach (var field in entity.References)
        {
            if (Js.Target(spec, field) is not { } target) continue;
            t.Append($$"""

                test({{Js.Str($"checks that the {field.Label} of a {label} names an existing {target.Label}")}}, async () => {
                  const body = await h.buildBody(api, route);
                  const unknown = await api('POST', path, { ...body, [{{Js.Str(field.JsonName)}}]: randomUUID() });
                  assert.equal(unknown.status, 400);
                  assert.ok(unknown.body.errors[{{Js.Str(field.JsonName)}}]);
                  const existing = await h.createRecord(api, {{Js.Str(target.Route)}});
                  const res = await api('POST', path, { ...body, [{{Js.Str(field.JsonName)}}]: existing.id });
                  assert.equal(res.status, 201, res.text);
                  assert.equal(res.body[{{Js.Str(field.JsonName)}}], existing.id);
                });

                """);
        }
        t.Append(NodeFieldTests.For(entity));
        return new($"test/{entity.Route}.test.js", t.ToString());
    }

    public static GeneratedFile Auth(AppSpec spec)
    {
        var routes = string.Join(", ", spec.Entities.Select(e => Js.Str(e.Route)));
        var reference = spec.Entities.SelectMany(e => e.References.Select(f => (Entity: e, Field: f, Target: Js.Target(spec, f)))).FirstOrDefault(r => r.Target is not null);
        var t = new StringBuilder($$"""
            'use strict';
            const { test, before, after } = require('node:test');
            const assert = require('node:assert/strict');
            const fs = require('node:fs');
            const os = require('node:os');
            const nodePath = require('node:path');
            const h = require('./helpers');

            const routes = [{{routes}}];
            let server;
            before(async () => { server = await h.start(); });
            after(() => server.close());

            test('the API needs a bearer token', async () => {
              for (const route of routes) {
                const res = await server.api('GET', `/api/${route}`);
                assert.equal(res.status, 401, route);
                assert.equal(res.body.status, 401);
                assert.equal((await h.client(server.base, 'not-a-token')('GET', `/api/${route}`)).status, 401);
              }
              assert.equal((await server.api('GET', '/api/auth/me')).status, 401);
            });

            test('registers, signs in and reads the current user', async () => {
              const user = await h.signUp(server.base);
              assert.match(user.token, /^[0-9a-f]{64}$/);
              assert.deepEqual((await user.api('GET', '/api/auth/me')).body, { id: user.id, email: user.email });
              const login = await server.api('POST', '/api/auth/login', { email: user.email, password: user.password });
              assert.equal(login.status, 200);
              const me = await h.client(server.base, login.body.token)('GET', '/api/auth/me');
              assert.equal(me.status, 200);
              assert.equal(me.body.email, user.email);
            });

            test('rejects a wrong password or an unknown email with 401', async () => {
              const user = await h.signUp(server.base);
              assert.equal((await server.api('POST', '/api/auth/login', { email: user.email, password: 'wrong password' })).status, 401);
              assert.equal((await server.api('POST', '/api/auth/login', { email: 'nobody@example.com', password: user.password })).status, 401);
            });

            test('rejects a taken email with 409', async () => {
              const user = await h.signUp(server.base);
              const again = await server.api('POST', '/api/auth/register', { email: user.email.toUpperCase(), password: 'another password' });
              assert.equal(again.status, 409);
              assert.equal(again.body.status, 409);
            });

            test('rejects an invalid email or a short password with 400', async () => {
              const res = await server.api('POST', '/api/auth/register', { email: 'not-an-email', password: 'short' });
              assert.equal(res.status, 400);
              assert.ok(res.body.errors.email);
              assert.ok(res.body.errors.password);
            });

            test('stores password hashes, never passwords', async () => {
              const dataDir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'auth-'));
              const other = await h.start(dataDir);
              try {
                const user = await h.signUp(other.base);
                const stored = fs.readFileSync(nodePath.join(dataDir, 'users.json'), 'utf8');
                assert.ok(stored.includes(user.email));
                assert.ok(!stored.includes(user.password));
              } finally {
                await other.close();
                fs.rmSync(dataDir, { recursive: true, force: true });
              }
            });

            test('each user sees and changes only their own records', async () => {
              const alice = await h.signUp(server.base);
              const bob = await h.signUp(server.base);
              for (const route of routes) {
                const record = await h.createRecord(alice.api, route);
                const path = `/api/${route}/${record.id}`;
                assert.ok(!(await bob.api('GET', `/api/${route}`)).body.some((item) => item.id === record.id), route);
                assert.equal((await bob.api('GET', path)).status, 404, route);
                assert.equal((await bob.api('PUT', path, await h.buildBody(bob.api, route))).status, 404, route);
                assert.equal((await bob.api('DELETE', path)).status, 404, route);
                assert.equal((await alice.api('GET', path)).status, 200, route);
              }
            });

            """);
        if (reference.Target is not null)
            t.Append($$"""

                test('a user cannot refer to another user\'s records', async () => {
                  const alice = await h.signUp(server.base);
                  const bob = await h.signUp(server.base);
                  const theirs = await h.createRecord(alice.api, {{Js.Str(reference.Target.Route)}});
                  const body = await h.buildBody(bob.api, {{Js.Str(reference.Entity.Route)}});
                  const res = await bob.api('POST', {{Js.Str("/api/" + reference.Entity.Route)}}, { ...body, [{{Js.Str(reference.Field.JsonName)}}]: theirs.id });
                  assert.equal(res.status, 400);
                  assert.ok(res.body.errors[{{Js.Str(reference.Field.JsonName)}}]);
                });

                """);
        return new("test/auth.test.js", t.ToString());
    }

    public static GeneratedFile StoreTest() => new("test/store.test.js", """
        'use strict';
        const { test } = require('node:test');
        const assert = require('node:assert/strict');
        const fs = require('node:fs');
        const os = require('node:os');
        const path = require('node:path');
        const { Store } = require('../src/store');

        test('keeps records in DATA_DIR across restarts', () => {
          const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
          try {
            const first = new Store(dataDir, 'things');
            first.insert({ id: 'a', name: 'first' });
            first.insert({ id: 'b', name: 'second' });
            first.remove('b');
            const again = new Store(dataDir, 'things');
            assert.deepEqual(again.all(), [{ id: 'a', name: 'first' }]);
          } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
          }
        });

        test('keeps nothing on disk with :memory:', () => {
          const store = new Store(':memory:', 'things');
          store.insert({ id: 'a' });
          assert.equal(store.find('a').id, 'a');
          assert.equal(new Store(':memory:', 'things').all().length, 0);
        });

        """);
}
