namespace Catalyst.Agents.Understanding;

/// <summary>Turns a request into an <see cref="AppSpec"/> for the Planner. Tests can put a known spec in its place.</summary>
public interface IRequestUnderstanding
{
    AppSpec Understand(string prompt, string? projectName);
}

/// <summary>The request read by the language front end, <see cref="RequestParser"/>.</summary>
public sealed class ParsedRequestUnderstanding(RequestParser parser) : IRequestUnderstanding
{
    public AppSpec Understand(string prompt, string? projectName) => parser.Parse(prompt, projectName);
}
