using System.Text.Json;

namespace Catalyst.Agents.Understanding;

/// <summary>One thing the offline generator cannot build, with the plain name the notice uses and what asks for it.</summary>
public sealed record Capability(
    string Name, IReadOnlySet<string> Words, IReadOnlySet<string> Adjectives, IReadOnlySet<string> Verbs, IReadOnlyList<string[]> Phrases);

/// <summary>
/// What the offline generator cannot build: the capabilities of Data/scope.json, the nouns that leave a capability
/// word the thing asked for ("chat functionality"), those that make a listed item a feature ("a chat function") and the words that say it is not wanted ("without payments").
/// Loaded once from the embedded file; <see cref="ScopeReader"/> holds the mechanism.
/// </summary>
public sealed class Scope
{
    static readonly Lazy<Scope> Shared = new(Load);

    public static Scope Default => Shared.Value;

    public IReadOnlyList<Capability> Capabilities { get; }
    public IReadOnlySet<string> StructureHeads { get; }
    public IReadOnlySet<string> FeatureHeads { get; }
    public IReadOnlySet<string> Negations { get; }

    Scope(JsonElement scope)
    {
        Capabilities = [.. scope.GetProperty("capabilities").EnumerateArray().Select(c => new Capability(
            c.GetProperty("name").GetString()!,
            Set(c, "words"), Set(c, "adjectives"), Set(c, "verbs"),
            [.. Strings(c, "phrases").Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))]))];
        StructureHeads = Set(scope, "structureHeads");
        FeatureHeads = Set(scope, "featureHeads");
        Negations = Set(scope, "negations");
    }

    static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(v => v.GetString()!.ToLowerInvariant()) : [];

    static HashSet<string> Set(JsonElement element, string name) => new(Strings(element, name), StringComparer.Ordinal);

    static Scope Load()
    {
        using var stream = typeof(Scope).Assembly.GetManifestResourceStream("Catalyst.Understanding.scope.json")
            ?? throw new InvalidOperationException("The scope data file (Understanding/Data/scope.json) is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return new Scope(document.RootElement.Clone());
    }
}
