using System.ComponentModel.DataAnnotations;

namespace Catalyst.Core.Configuration;

public enum CatalystMode
{
    /// <summary>One process, in-memory bus, agents hosted by the Api, PostgreSQL started on demand.</summary>
    Embedded,

    /// <summary>RabbitMQ between separate Api and agent worker processes.</summary>
    Distributed,
}

public sealed class CatalystOptions
{
    public const string Section = "Catalyst";

    public CatalystMode Mode { get; set; } = CatalystMode.Embedded;

    /// <summary>Where Catalyst keeps its files: embedded database, repositories, artifacts. Default ~/.catalyst.</summary>
    [Required]
    public string DataRoot { get; set; } = DefaultDataRoot;

    public static string DefaultDataRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".catalyst");

    public string FullDataRoot => Path.GetFullPath(ExpandHome(DataRoot));

    /// <summary>{DataRoot}/artifacts/{task}: the task's workspace, test-results/, review/ and rounds/.</summary>
    public string ArtifactsFor(Guid taskId) => Path.Combine(FullDataRoot, "artifacts", taskId.ToString());

    static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
