using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Catalyst.Api.Requests;

/// <summary>
/// Refuses text PostgreSQL could not store (U+0000: SQLSTATE 22021 in text, 22P05 in jsonb) as soon as a request
/// body is read, for every endpoint at once: a contract modifier checks each object's text after it is deserialized
/// (strings, lists and dictionaries of them, free-form JSON such as a corrected spec). A modifier rather than a
/// converter, because a custom string converter would blank every string's schema in the OpenAPI document.
/// </summary>
public static class StorableText
{
    public static void Require(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var texts = info.Properties.Where(p => p.Get is not null && MayHoldText(p.PropertyType)).ToArray();
        if (texts.Length == 0) return;
        var then = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var property in texts)
                if (FirstNul(property.Get!(value)) is { } at) throw new NulCharacterRejected(at.Length == 0 ? property.Name : $"{property.Name}{at}");
            then?.Invoke(value);
        };
    }

    // Nested records are checked by their own OnDeserialized; here only what holds text directly.
    static bool MayHoldText(Type type) =>
        type == typeof(string) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement)
        || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));

    /// <summary>Where the first U+0000 is below <paramref name="value"/> ("", ".entities[0].name", "['key']"), or null.</summary>
    static string? FirstNul(object? value, string at = "")
    {
        switch (value)
        {
            case string text:
                return text.Contains('\0') ? at : null;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var path = $"{at}.{name}";
                    if (name.Contains('\0')) return path;
                    if (FirstNul(child, path) is { } found) return found;
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (FirstNul(array[i], $"{at}[{i}]") is { } found) return found;
                return null;
            case JsonValue node:
                return node.GetValueKind() == JsonValueKind.String ? FirstNul(node.GetValue<string>(), at) : null;
            case JsonElement element:
                return FirstNul(JsonSerializer.SerializeToNode(element), at);
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var path = $"{at}['{entry.Key}']";
                    if (FirstNul(entry.Key, path) is { } key) return key;
                    if (FirstNul(entry.Value, path) is { } found) return found;
                }
                return null;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                    if (FirstNul(item, $"{at}[{index++}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}
