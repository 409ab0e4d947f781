using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Planner;

/// <summary>What the Planner makes of a request: the language front end in the product; tests may hand it a spec written in code.</summary>
public interface IRequestUnderstanding
{
    AppSpec Understand(string prompt, string? projectName);
}

/// <summary>The request read by <see cref="RequestParser"/>.</summary>
public sealed class ParsedRequest(RequestParser parser) : IRequestUnderstanding
{
    public AppSpec Understand(string prompt, string? projectName) => parser.Parse(prompt, projectName);
}
