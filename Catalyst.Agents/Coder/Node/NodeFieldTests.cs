using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Node;

/// <summary>
/// The node:test cases an entity gets for its typed fields: bounds, money cents, enum options, date-times,
/// optional fields and sorting. One test( call per case, so the cases can be counted in the source.
/// </summary>
static class NodeFieldTests
{
    public static string For(EntitySpec entity)
    {
        var t = new StringBuilder();
        var plural = entity.Plural.ToLowerInvariant();
        foreach (var f in entity.Fields.Where(f => f.Type == FieldType.Integer && (f.Minimum is not null || f.Maximum is not null)))
        {
            var minimum = f.Minimum ?? 0;
            var outside = new List<int> { minimum - 1 };
            var inside = new List<int> { minimum };
            if (f.Maximum is { } maximum) { outside.Add(maximum + 1); inside.Add(maximum); }
            var message = f.Maximum is { } max ? $"between {minimum} and {max}" : minimum == 0 ? "cannot be negative" : $"at least {minimum}";
            t.Append(Test($"keeps the {f.Label} within {(f.Maximum is null ? $"its minimum of {minimum}" : $"{minimum} to {f.Maximum}")}", $$"""
                  for (const value of [{{string.Join(", ", outside)}}]) {
                    const res = await api('POST', path, { ...(await h.buildBody(api, route)), [{{Js.Str(f.JsonName)}}]: value });
                    assert.equal(res.status, 400, String(value));
                    assert.match(res.body.errors[{{Js.Str(f.JsonName)}}][0], /{{message}}/);
                  }
                  for (const value of [{{string.Join(", ", inside)}}]) {
                    const created = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: value });
                    assert.equal(created[{{Js.Str(f.JsonName)}}], value);
                  }
                """));
        }
        foreach (var f in entity.Fields.Where(f => f.Type == FieldType.Money).Take(1))
            t.Append(Test($"keeps the cents of the {f.Label}", $$"""
                  const created = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: 12.50 });
                  assert.equal(created[{{Js.Str(f.JsonName)}}], 12.5);
                  const text = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: '12.50' });
                  assert.equal(text[{{Js.Str(f.JsonName)}}], 12.5);
                """));
        foreach (var f in entity.Fields.Where(f => f.Type == FieldType.Enum && f.Options.Count > 0))
            t.Append(Test($"accepts only the options of the {f.Label}", $$"""
                  const res = await api('POST', path, { ...(await h.buildBody(api, route)), [{{Js.Str(f.JsonName)}}]: 'not-one-of-them' });
                  assert.equal(res.status, 400);
                  assert.equal(res.body.errors[{{Js.Str(f.JsonName)}}][0], {{Js.Str($"{f.Label} must be one of: {string.Join(", ", f.Options)}.")}});
                  const created = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: {{Js.Str(f.Options[^1].ToUpperInvariant())}} });
                  assert.equal(created[{{Js.Str(f.JsonName)}}], {{Js.Str(f.Options[^1])}});
                """));
        foreach (var f in entity.Fields.Where(f => f.Type == FieldType.DateTime).Take(1))
            t.Append(Test($"round-trips the {f.Label} as an instant", $$"""
                  const created = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: '2026-03-04T05:06:07+02:00' });
                  const read = await api('GET', `${path}/${created.id}`);
                  assert.equal(read.body[{{Js.Str(f.JsonName)}}], '2026-03-04T03:06:07.000Z');
                  assert.equal(Date.parse(read.body[{{Js.Str(f.JsonName)}}]), Date.parse('2026-03-04T05:06:07+02:00'));
                """));
        var optional = entity.Fields.Where(f => !f.Required && f.Type is not (FieldType.Boolean or FieldType.StringList or FieldType.Reference)).ToList();
        if (optional.Count > 0)
            t.Append(Test($"lets the optional fields of a {entity.Label} be left out", $$"""
                  const body = await h.buildBody(api, route);
                {{string.Concat(optional.Select(f => $"  delete body[{Js.Str(f.JsonName)}];\n"))}}  const res = await api('POST', path, body);
                  assert.equal(res.status, 201, res.text);
                {{string.Concat(optional.Select(f => $"  assert.equal(res.body[{Js.Str(f.JsonName)}], null);\n"))}}
                """));
        foreach (var f in entity.Fields.Where(f => Js.Sorts(f) && f.Type != FieldType.Reference && Js.Lit(Js.Sample(f)) != Js.Lit(Js.Other(f))))
        {
            var (low, high) = SampleSortsFirst(f) ? ("sample", "other") : ("other", "sample");
            t.Append(Test($"sorts {plural} by {f.Label} both ways", $$"""
                  const sample = await h.createRecord(api, route);
                  const other = await h.createRecord(api, route, 0, { [{{Js.Str(f.JsonName)}}]: {{Js.Lit(Js.Other(f))}} });
                  const order = async (sort) => (await api('GET', `${path}?sort=${sort}`)).body.map((item) => item.id).filter((id) => id === sample.id || id === other.id);
                  assert.deepEqual(await order({{Js.Str(f.JsonName)}}), [{{low}}.id, {{high}}.id]);
                  assert.deepEqual(await order({{Js.Str("-" + f.JsonName)}}), [{{high}}.id, {{low}}.id]);
                  const unknown = await api('GET', `${path}?sort=no-such-field`);
                  assert.equal(unknown.status, 400);
                  assert.ok(unknown.body.errors.sort);
                """));
        }
        return t.ToString();
    }

    /// <summary>Whether the sample value sorts before the other one, as the app's compareValues orders them.</summary>
    static bool SampleSortsFirst(FieldSpec f) => (Js.Sample(f), Js.Other(f)) switch
    {
        (JsonValue a, JsonValue b) when a.TryGetValue<string>(out var x) && b.TryGetValue<string>(out var y) =>
            string.CompareOrdinal(x.ToLowerInvariant(), y.ToLowerInvariant()) < 0,
        (JsonValue a, JsonValue b) when a.TryGetValue<bool>(out var x) && b.TryGetValue<bool>(out var y) => !x && y,
        (JsonValue a, JsonValue b) => Number(a) < Number(b),
        _ => true,
    };

    static double Number(JsonValue value) => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    static string Test(string name, string body) => $$"""

        test({{Js.Str(name)}}, async () => {
        {{body.TrimEnd()}}
        });

        """;
}
