using System.Text;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>Per entity: src/models/{route}.js (its fields and their rules) and src/routes/{route}.js (its endpoints).</summary>
static class NodeEntityFiles
{
    public static GeneratedFile Model(AppSpec spec, EntitySpec entity)
    {
        var fields = new StringBuilder();
        foreach (var field in entity.Fields)
            fields.AppendLine($"    {Js.Str(field.JsonName)}: v.{Js.Checker(field.Type)}(input, {Js.Str(field.JsonName)}, {Js.Str(field.Label)}, {(field.Required ? "true" : "false")}, errors{Js.CheckerOptions(field)}),");
        if (Js.HasTags(spec, entity)) fields.AppendLine("    \"tags\": v.list(input, \"tags\", \"tags\", false, errors),");
        return new($"src/models/{entity.Route}.js", $$"""
            'use strict';
            const v = require('../validation');

            /**
             * Checks a {{entity.Label}} sent by a client against the rules of its fields.
             * Returns the clean values (missing optional fields become null, false or []) and the errors.
             */
            function validate(body) {
              const errors = new v.Errors();
              if (!v.isObject(body)) errors.add('body', 'The request body must be a JSON object.');
              const input = v.isObject(body) ? body : {};
              const value = {
            {{fields.ToString().TrimEnd()}}
              };
              return { value, errors };
            }

            module.exports = { validate };

            """);
    }

    public static GeneratedFile Routes(AppSpec spec, EntitySpec entity)
    {
        var auth = spec.Features.Auth;
        var references = entity.References.Where(f => Js.Target(spec, f) is not null).Select(f => (Field: f, Target: Js.Target(spec, f)!)).ToList();

        // Collections of the referenced entities, and the check that each reference names an (own) record.
        var stores = string.Concat(references.Select(r => r.Target.Route).Where(route => route != entity.Route).Distinct()
            .Select(route => $"  const {Var(route)} = collection({Js.Str(route)});\n"));
        var checks = string.Concat(references.Select(r =>
            $"    if ({Js.Prop("value", r.Field)} !== null && !{(auth ? "owned(req, " : "")}{(r.Target == entity ? "store" : Var(r.Target.Route))}{(auth ? ")" : ".all()")}.some((other) => other.id === {Js.Prop("value", r.Field)})) " +
            $"errors.add({Js.Str(r.Field.JsonName)}, {Js.Str($"{r.Field.Label} must name an existing {r.Target.Label}.")});\n"));

        var list = new StringBuilder();
        var searchable = entity.Fields.Where(f => Js.IsSearchable(f.Type)).ToList();
        var tags = Js.HasTags(spec, entity);
        if (spec.Features.Search && (searchable.Count > 0 || tags))
        {
            var parts = searchable.Select(f => f.Type == FieldType.StringList ? $"...({Js.Prop("item", f)} ?? [])" : Js.Prop("item", f));
            if (tags) parts = parts.Append("...(item.tags ?? [])");
            list.AppendLine($$"""
                    const q = queryValue(req.query, 'q');
                    if (q !== null) {
                      const needle = q.toLowerCase();
                      items = items.filter((item) => [{{string.Join(", ", parts)}}]
                        .some((text) => typeof text === 'string' && text.toLowerCase().includes(needle)));
                    }
                """);
        }
        if (spec.Features.Tags)
            list.AppendLine("""
                    const tag = queryValue(req.query, 'tag');
                    if (tag !== null) items = items.filter((item) => Array.isArray(item.tags) && item.tags.some((entry) => sameText(entry, tag)));
                """);
        foreach (var field in entity.Fields.Where(f => f.Filterable))
        {
            var p = Js.Prop("item", field);
            var test = field.Type switch
            {
                _ when Js.IsTextual(field.Type) => $"sameText({p}, wanted)",
                FieldType.Boolean => $"String({p}) === wanted.toLowerCase()",
                FieldType.Money or FieldType.Decimal or FieldType.Integer => $"{p} === Number(wanted)",
                FieldType.StringList => $"({p} ?? []).some((entry) => sameText(entry, wanted))",
                FieldType.Reference => $"{p} === wanted.toLowerCase()",
                _ => $"{p} === wanted",
            };
            list.AppendLine($$"""
                    {
                      const wanted = queryValue(req.query, {{Js.Str(field.JsonName)}});
                      if (wanted !== null) items = items.filter((item) => {{test}});
                    }
                """);
        }

        var sortable = entity.Fields.Where(Js.Sorts).ToList();
        if (sortable.Count > 0)
            list.AppendLine($$"""
                    const sort = queryValue(req.query, 'sort');
                    if (sort !== null) {
                      const key = sort.replace(/^-/, '');
                      if (![{{string.Join(", ", sortable.Select(f => Js.Str(f.JsonName)))}}].includes(key)) {
                        return validationProblem(res, { sort: [{{Js.Str($"sort must be one of: {string.Join(", ", sortable.Select(f => f.JsonName))} (a leading - sorts descending).")}}] });
                      }
                      const direction = sort.startsWith('-') ? -1 : 1;
                      items = [...items].sort((a, b) => direction * compareValues(a[key], b[key]));
                    }
                """);

        var totals = "";
        if (Js.Totals(spec, entity) is { } aggregate && aggregate is var (sum, group))
            totals = "\n" + $$"""

                  /** Sum of {{sum.Label}} per {{group.Label}}, ordered by {{group.Label}}. */
                  router.get('/totals', (req, res) => {
                    const groups = new Map();
                    for (const item of owned(req)) {
                      const raw = {{Js.Prop("item", group)}};
                      const key = raw === null || raw === undefined ? '' : Array.isArray(raw) ? raw.join(', ') : String(raw);
                      const entry = groups.get(key) ?? { key, total: 0, count: 0 };
                      entry.total += Number({{Js.Prop("item", sum)}} ?? 0);
                      entry.count += 1;
                      groups.set(key, entry);
                    }
                    const totals = [...groups.values()]
                      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
                      .map((entry) => ({ ...entry, total: Math.round(entry.total * 1e6) / 1e6 }));
                    res.json(totals);
                  });
                """;

        var label = entity.Label;
        return new($"src/routes/{entity.Route}.js", $$"""
            'use strict';
            const express = require('express');
            const { randomUUID } = require('node:crypto');
            const { validate } = require('../models/{{entity.Route}}');
            const { problem, validationProblem, queryValue } = require('../http');
            const { sameText{{(entity.Fields.Any(Js.Sorts) ? ", compareValues" : "")}} } = require('../validation');

            /** /api/{{entity.Route}}: {{(auth ? $"each user's own {entity.Plural.ToLowerInvariant()} (Bearer token required)" : $"the {entity.Plural.ToLowerInvariant()}")}}. */
            module.exports = function routes({ {{(auth ? "collection, requireAuth" : "collection")}} }) {
              const store = collection({{Js.Str(entity.Route)}});
            {{stores}}  const router = express.Router();
            {{(auth ? """
                  router.use(requireAuth);

                  // Ownership: a user only ever sees the records they created; another user's record is a 404.
                  const owned = (req, source = store) => source.all().filter((item) => item.ownerId === req.user.id);
                  const toJson = ({ ownerId, ...item }) => item; // eslint-disable-line no-unused-vars
                """ : """
                  const owned = () => store.all();
                  const toJson = (item) => item;
                """)}}
              const find = (req, id) => owned(req).find((item) => item.id === id);
              const notFound = (res, id) => problem(res, 404, 'Not Found', {{Js.Str($"No {label} with id ")}} + id + '.');

              function check(req) {
                const { value, errors } = validate(req.body);
            {{checks}}    return { value, errors };
              }

              router.get('/', (req, res) => {
                let items = owned(req);
            {{list.ToString().TrimEnd()}}
                res.json(items.map(toJson));
              });{{totals}}

              router.get('/:id', (req, res) => {
                const item = find(req, req.params.id);
                if (!item) return notFound(res, req.params.id);
                return res.json(toJson(item));
              });

              router.post('/', (req, res) => {
                const { value, errors } = check(req);
                if (errors.any) return validationProblem(res, errors.errors);
                const item = { id: randomUUID(), ...value, createdAt: new Date().toISOString(){{(auth ? ", ownerId: req.user.id" : "")}} };
                store.insert(item);
                return res.status(201).location(`${req.baseUrl}/${item.id}`).json(toJson(item));
              });

              router.put('/:id', (req, res) => {
                const existing = find(req, req.params.id);
                if (!existing) return notFound(res, req.params.id);
                const { value, errors } = check(req);
                if (errors.any) return validationProblem(res, errors.errors);
                const item = { id: existing.id, ...value, createdAt: existing.createdAt{{(auth ? ", ownerId: existing.ownerId" : "")}} };
                store.replace(item);
                return res.json(toJson(item));
              });

              router.delete('/:id', (req, res) => {
                if (!find(req, req.params.id)) return notFound(res, req.params.id);
                store.remove(req.params.id);
                return res.status(204).end();
              });

              return router;
            };

            """);
    }

    /// <summary>A JavaScript variable for a referenced collection: "book-loans" → "bookLoansStore".</summary>
    static string Var(string route)
    {
        var words = route.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray()));
        var name = string.Concat(words.Select((w, i) => i == 0 || w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return (name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : "c" + name) + "Store";
    }
}
