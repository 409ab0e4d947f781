using Catalyst.Core.Tasks;

namespace Catalyst.Agents.Understanding;

/// <summary>Names a project the way the Planner will understand it ("expense-tracker", "todo-app").</summary>
public sealed class RequestProjectNamer(RequestParser parser) : IProjectNamer
{
    public string NameFor(string prompt) => parser.Parse(prompt).Name;
}
