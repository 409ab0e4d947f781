namespace Catalyst.Agents.Understanding;

/// <summary>Turns a request into an <see cref="AppSpec"/> for the Planner. Tests can put a known spec in its place.</summary>
public interface IRequestUnderstanding
{
    AppSpec Understand(string prompt, string? projectName);
}

/// <summary>The request parser, with the archetype catalog's description for the kinds it describes.</summary>
public sealed class ParsedRequestUnderstanding(RequestParser parser) : IRequestUnderstanding
{
    public AppSpec Understand(string prompt, string? projectName)
    {
        var spec = parser.Parse(prompt, projectName);
        if (ArchetypeCatalog.Description(spec.Kind) is { } description) spec.Description = description;
        return spec;
    }
}
