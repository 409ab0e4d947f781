namespace Catalyst.Agents.Understanding;

/// <summary>
/// Safe identifiers for generated code: ASCII letters and digits only, never starting with a digit, never a
/// name the generated code already uses or that collides with the .NET types it imports.
/// </summary>
public static class Identifiers
{
    /// <summary>Type names that would shadow or clash with types the generated C# code uses.</summary>
    static readonly HashSet<string> ReservedTypeNames = new(StringComparer.Ordinal)
    {
        "Task", "Thread", "Timer", "Monitor", "Action", "Func", "File", "Directory", "Path", "Environment", "Random",
        "Range", "Index", "Type", "Object", "String", "Math", "Console", "Program", "User", "Results", "TypedResults",
        "Guid", "Version", "Attribute", "Exception", "Buffer", "Convert", "Array", "Enum", "Delegate", "Lazy", "Tuple",
        "Nullable", "Activator", "GC", "Timeout", "Barrier", "Interlocked", "Volatile", "Parallel", "Stream", "Encoding",
        "Regex", "Uri", "Json", "Endpoints", "Models", "Data", "Auth", "Store", "JsonStore", "Validation", "Totals",
        "DateTime", "DateOnly", "TimeSpan", "Decimal", "Int32", "Boolean", "List", "Dictionary",
        "Tests", "TestApp", "Claim", "Token", "Session",
    };

    static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "Id", "CreatedAt", "Tags", "OwnerId", "Validate", "ApplyTo", "EmailPattern", "IsWebAddress", "ToString", "GetHashCode", "Equals", "GetType",
    };

    /// <summary>The suffix a type name gets when its natural name is reserved ("Task" -> "TaskItem").</summary>
    public const string ReservedSuffix = "Item";

    /// <summary>The natural name behind a type name that got <see cref="ReservedSuffix"/> ("TaskItem" -> "Task").</summary>
    public static string NaturalTypeName(string typeName) =>
        typeName.EndsWith(ReservedSuffix, StringComparison.Ordinal) && ReservedTypeNames.Contains(typeName[..^ReservedSuffix.Length])
            ? typeName[..^ReservedSuffix.Length] : typeName;

    /// <summary>A PascalCase type name from words; reserved names get an "Item" suffix.</summary>
    public static string TypeName(List<string> words)
    {
        var name = Clean(words);
        if (name.Length == 0) name = "Record";
        if (char.IsDigit(name[0])) name = "N" + name;
        return ReservedTypeNames.Contains(name) ? name + ReservedSuffix : name;
    }

    /// <summary>Names the generated app's root namespace must not take: types its Program.cs and storage use.</summary>
    static readonly HashSet<string> ReservedAppNames = new(StringComparer.Ordinal)
    {
        "WebApplication", "DataDirectory", "JsonStore", "IRecord", "Results", "Program", "TokenStore", "AuthEndpoints",
        "System", "Microsoft", "Xunit", "Data", "Models", "Endpoints", "Auth", "Tests",
    };

    /// <summary>The app's root namespace from words, never one that hides a type the app's code uses.</summary>
    public static string AppName(List<string> words, IEnumerable<string> entityNames)
    {
        var name = Clean(words);
        if (name.Length == 0) name = "GeneratedApp";
        if (char.IsDigit(name[0])) name = "App" + name;
        return ReservedAppNames.Contains(name) || ReservedTypeNames.Contains(name) || entityNames.Contains(name) ? name + "App" : name;
    }

    /// <summary>A PascalCase property name from words, or null when the words make none (e.g. "id").</summary>
    public static string? MemberName(List<string> words, string typeName)
    {
        var name = Clean(words);
        if (name.Length == 0) return null;
        if (char.IsDigit(name[0])) name = "N" + name;
        if (ReservedMemberNames.Contains(name)) return name == "Id" ? null : name + "Value";
        return name == typeName ? name + "Value" : name; // a member may not share its type's name
    }

    static string Clean(List<string> words) =>
        Inflector.Pascal(words.Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])));
}
