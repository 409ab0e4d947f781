using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Catalyst.Api.Requests;

/// <summary>
/// What a request body must look like at a JSON path ("$.spec", "$.options['x']"), read from the serializer's
/// own contract of the endpoint's body type, and said in JSON's words ("a string", "a UUID"), not .NET's.
/// </summary>
public static class JsonShapes
{
    /// <summary>The field a JSON path names, as the caller wrote it: "$.project_id" is "project_id"; the root is null.</summary>
    public static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');

    /// <summary>The .NET type the body holds at <paramref name="path"/>, or null when the path leaves the contract.</summary>
    public static Type? TypeAt(Type body, string? path, JsonSerializerOptions options)
    {
        var type = body;
        foreach (var segment in Segments(path))
        {
            var info = options.GetTypeInfo(Underlying(type));
            Type? next = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
            if (next is null) return null;
            type = next;
        }
        return type;
    }

    /// <summary>"a string", "a whole number", "one of \"repository\", \"deployment\"" ...</summary>
    public static string Describe(Type type, JsonSerializerOptions options)
    {
        type = Underlying(type);
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(Guid)) return "a UUID such as \"0198c3a0-5e94-710f-82c4-c72270f9c056\"";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "a date and time such as \"2026-01-31T12:00:00Z\"";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "a whole number";
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return "a number";
        if (type.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"\"{options.PropertyNamingPolicy?.ConvertName(n) ?? n}\""));
        if (typeof(JsonObject).IsAssignableFrom(type)) return "a JSON object";
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement)) return "a JSON value";
        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "a JSON object",
            _ => "a JSON value of the documented shape",
        };
    }

    static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    // "$.a.b[0]['c d']" is a, b, 0, c d; array indexes only step into the element type.
    static IEnumerable<string> Segments(string? path)
    {
        if (string.IsNullOrEmpty(path)) yield break;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                yield return path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) yield break;
                yield return path[(i + 1)..end].Trim('\'');
                i = end + 1;
            }
            else yield break;
        }
    }
}
