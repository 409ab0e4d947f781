using Catalyst.Agents.Explorer;
using Catalyst.Core.Explorer;

namespace Catalyst.Api.Apis;

/// <summary>
/// A scan to run (spec 4.7): <see cref="Type"/> repository, deployment or database; <see cref="Target"/> what
/// to scan; <see cref="Options"/> the scanner's options. <see cref="BuildSimilar"/> then plans and builds a
/// similar app from the findings, in the same task, on a project named <see cref="ProjectName"/> (or after the target).
/// </summary>
public sealed record ScanRequest(string? Type, string? Target, Dictionary<string, string>? Options = null, bool? BuildSimilar = null, string? ProjectName = null)
{
    public const int MaxTargetLength = 2048;
    public const int MaxOptions = 20;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Type)) errors["type"] = [$"The type is required: one of {string.Join(", ", ScanTypes.All)}."];
        else if (!ScanTypes.All.Contains(Type.Trim().ToLowerInvariant())) errors["type"] = [$"'{Type}' is not a kind of scan: use one of {string.Join(", ", ScanTypes.All)}."];
        if (string.IsNullOrWhiteSpace(Target)) errors["target"] = ["The target is required: a git URL, path or project for a repository, a URL for a deployment, a connection string for a database."];
        else if (Target.Length > MaxTargetLength) errors["target"] = [$"The target is {Target.Length:N0} characters long; the limit is {MaxTargetLength:N0}."];
        if (Options is { Count: > MaxOptions }) errors["options"] = [$"At most {MaxOptions} options are accepted."];
        if (ProjectName is not null && Core.Projects.ProjectSlug.From(ProjectName) is null) errors["project_name"] = ["The project name must contain at least one letter or digit."];
        return errors;
    }

    public ScanKind Kind => Enum.Parse<ScanKind>(Type!.Trim(), ignoreCase: true);
}

/// <summary>A scan's dependency graph (repository → manifests → packages) as nodes and edges.</summary>
public sealed record ScanGraph(Guid ScanId, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);
