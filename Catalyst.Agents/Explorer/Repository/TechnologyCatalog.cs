using System.Text.Json;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>A package as a technology: its display name and the part it plays (framework, frontend, database, orm, auth, testing, tooling).</summary>
public sealed record Technology(string Name, string Role);

/// <summary>
/// What the Explorer knows about languages, packages and licence texts. The knowledge is data
/// (Data/technologies.json); this class only loads it.
/// </summary>
public sealed class TechnologyCatalog
{
    public required IReadOnlyDictionary<string, string> Languages { get; init; }
    public required IReadOnlySet<string> DocumentationLanguages { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, Technology>> Packages { get; init; }
    public required IReadOnlyDictionary<string, string> Licences { get; init; }

    public static TechnologyCatalog Default { get; } = Load();

    public Technology? Find(string ecosystem, string package) =>
        Packages.TryGetValue(ecosystem, out var known) && known.TryGetValue(package.ToLowerInvariant(), out var technology) ? technology : null;

    static TechnologyCatalog Load()
    {
        using var stream = typeof(TechnologyCatalog).Assembly.GetManifestResourceStream("Catalyst.Explorer.technologies.json")
            ?? throw new InvalidOperationException("The Explorer's technologies.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new TechnologyCatalog
        {
            Languages = root.GetProperty("languages").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
            DocumentationLanguages = root.GetProperty("documentation_languages").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal),
            Packages = root.GetProperty("packages").EnumerateObject().ToDictionary(
                ecosystem => ecosystem.Name,
                ecosystem => (IReadOnlyDictionary<string, Technology>)ecosystem.Value.EnumerateObject().ToDictionary(
                    p => p.Name, p => new Technology(p.Value.GetProperty("name").GetString()!, p.Value.GetProperty("role").GetString()!), StringComparer.OrdinalIgnoreCase)),
            Licences = root.GetProperty("licences").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
        };
    }
}
