using System.Globalization;
using System.Text;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>
/// The xunit tests an entity gets for its typed fields: bounds, money cents, enum options, date-times,
/// optional fields and sorting. Each case is a [Fact] or an [InlineData] row, so it can be counted.
/// </summary>
static class DotnetFieldTests
{
    public static string For(EntitySpec e, string client)
    {
        var route = $"/api/{e.Route}";
        var tests = new StringBuilder();
        foreach (var f in e.Fields.Where(f => f.Type == FieldType.Integer && (f.Minimum is not null || f.Maximum is not null)))
            tests.Append(Bounds(e, f, client, route));
        foreach (var f in e.Fields.Where(f => f.Type == FieldType.Money).Take(1))
            tests.Append(Test(e, client, $"{Pascal(f)}_keeps_its_cents", $$"""
                        payload[{{Key(f)}}] = 12.50m;
                        var created = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                        Assert.Equal(12.5m, (await created.ReadJsonAsync())[{{Key(f)}}]!.GetValue<decimal>());
                """));
        foreach (var f in e.Fields.Where(f => f.Type == FieldType.Enum && f.Options.Count > 0))
            tests.Append(Test(e, client, $"A_{Pascal(f)}_outside_its_options_is_refused_naming_them", $$"""
                        payload[{{Key(f)}}] = "not-one-of-them";
                        var response = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                        var message = (string)(await response.ReadJsonAsync())["errors"]![{{Key(f)}}]![0]!;
                {{string.Concat(f.Options.Select(o => $"        Assert.Contains({CSharp.Literal(o)}, message);\n"))}}
                        payload[{{Key(f)}}] = {{CSharp.Literal(f.Options[^1].ToUpperInvariant())}};
                        var accepted = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
                        Assert.Equal({{CSharp.Literal(f.Options[^1])}}, (string)(await accepted.ReadJsonAsync())[{{Key(f)}}]!);
                """));
        foreach (var f in e.Fields.Where(f => f.Type == FieldType.DateTime).Take(1))
            tests.Append(Test(e, client, $"The_{Pascal(f)}_round_trips_as_an_instant", $$"""
                        payload[{{Key(f)}}] = "2026-03-04T05:06:07+02:00";
                        var created = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                        var id = (string)(await created.ReadJsonAsync())["id"]!;
                        var read = await (await client.GetAsync($"{{route}}/{id}")).ReadJsonAsync();
                        Assert.Equal(DateTimeOffset.Parse("2026-03-04T03:06:07Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)read[{{Key(f)}}]!, System.Globalization.CultureInfo.InvariantCulture));
                """));
        var optional = e.Fields.Where(f => !f.Required && f.Type is not (FieldType.Boolean or FieldType.StringList or FieldType.Reference)).ToList();
        if (optional.Count > 0)
            tests.Append(Test(e, client, "Optional_fields_may_be_left_out", $$"""
                {{string.Concat(optional.Select(f => $"        payload.Remove({Key(f)});\n"))}}        var created = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                        var item = await created.ReadJsonAsync();
                {{string.Concat(optional.Select(f => $"        Assert.Null(item[{Key(f)}]);\n"))}}
                """));
        foreach (var f in e.Fields.Where(f => CSharp.Sorts(f) && SampleValues.Valid(f) != SampleValues.Valid(f, "Changed")))
        {
            var (low, high) = SampleValues.SampleSortsFirst(f) ? ("sample", "changed") : ("changed", "sample");
            tests.Append(Test(e, client, $"Records_sort_by_{Pascal(f)}_both_ways", $$"""
                        var sample = await Samples.CreateAsync(client, "{{route}}", payload);
                        payload[{{Key(f)}}] = {{SampleValues.Valid(f, "Changed")}};
                        var changed = await Samples.CreateAsync(client, "{{route}}", payload);
                        var ascending = (await (await client.GetAsync("{{route}}?sort={{f.JsonName}}")).ReadArrayAsync()).Select(i => (string)i!["id"]!).ToList();
                        var descending = (await (await client.GetAsync("{{route}}?sort=-{{f.JsonName}}")).ReadArrayAsync()).Select(i => (string)i!["id"]!).ToList();
                        Assert.Equal([{{low}}, {{high}}], ascending);
                        Assert.Equal([{{high}}, {{low}}], descending);
                        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("{{route}}?sort=no-such-field")).StatusCode);
                """));
        }
        return tests.ToString();
    }

    static string Bounds(EntitySpec e, FieldSpec f, string client, string route)
    {
        var minimum = f.Minimum ?? 0;
        var rows = new List<(int Value, bool Accepted)> { (minimum - 1, false), (minimum, true) };
        if (f.Maximum is { } maximum) rows.AddRange([(maximum, true), (maximum + 1, false)]);
        var inline = string.Concat(rows.Select(r => $"        [InlineData({r.Value.ToString(CultureInfo.InvariantCulture)}, {(r.Accepted ? "true" : "false")})]\n"));
        var message = f.Maximum is { } max ? $"between {minimum} and {max}" : minimum == 0 ? "cannot be negative" : $"at least {minimum}";
        return $$"""

                [Theory]
            {{inline}}        public async Task The_{{Pascal(f)}}_must_be_within_its_bounds(int value, bool accepted)
                {
                    await using var app = new TestApp();
                    var client = {{client}};
                    var payload = await Samples.{{e.Name}}Async(client);
                    payload[{{Key(f)}}] = value;
                    var response = await client.PostAsJsonAsync("{{route}}", payload);
                    Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
                    if (!accepted) Assert.Contains({{CSharp.Literal(message)}}, (string)(await response.ReadJsonAsync())["errors"]![{{Key(f)}}]![0]!);
                }

            """;
    }

    static string Test(EntitySpec e, string client, string name, string body) => $$"""

                [Fact]
                public async Task {{name}}()
                {
                    await using var app = new TestApp();
                    var client = {{client}};
                    var payload = await Samples.{{e.Name}}Async(client);
            {{body.TrimEnd()}}
                }

            """;

    static string Key(FieldSpec f) => CSharp.Literal(f.JsonName);

    /// <summary>The field's name for a test method: "watchedAt" → "watched_at".</summary>
    static string Pascal(FieldSpec f) => string.Concat(f.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
