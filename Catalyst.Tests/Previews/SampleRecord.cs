using System.Text.Json.Nodes;

namespace Catalyst.Tests.Previews;

/// <summary>A valid record for any entity of a generated app, built from its schema.json the way a client would.</summary>
public static class SampleRecord
{
    public static JsonObject For(JsonObject entity)
    {
        var record = new JsonObject();
        foreach (var field in entity["fields"]!.AsArray().OfType<JsonObject>())
        {
            if ((string?)field["type"] == "reference") continue;
            record[(string)field["name"]!] = ValueFor(field);
        }
        return record;
    }

    static JsonNode? ValueFor(JsonObject field) => (string?)field["type"] switch
    {
        "email" => "ada@example.com",
        "url" => "https://example.com/",
        "phone" => "+44 20 7946 0000",
        "money" or "decimal" => 12.5,
        "integer" => (int?)field["minimum"] is { } min && min > 0 ? min : 1,
        "boolean" => true,
        "date" => "2026-12-01",
        "datetime" => "2026-12-01T10:00:00Z",
        "enum" => field["options"]![0]!.DeepClone(),
        "list" => new JsonArray("first"),
        _ => $"Sample {(string?)field["label"] ?? (string?)field["name"]}",
    };
}
