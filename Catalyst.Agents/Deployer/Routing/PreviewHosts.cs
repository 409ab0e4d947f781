using System.Globalization;
using Catalyst.Core.Projects;

namespace Catalyst.Agents.Deployer.Routing;

/// <summary>The names a preview goes by: <c>preview-{task8}</c> for its container, network and route, <c>{project}-{task8}.{domain}</c> for its clean URL.</summary>
public static class PreviewHosts
{
    // A DNS label holds at most 63 characters: the project part leaves room for "-" and the task's 8.
    const int MaxProjectLength = 54;

    public static string NameFor(Guid taskId) => $"preview-{Short(taskId)}";

    public static string HostFor(string projectName, Guid taskId, string domain)
    {
        var project = ProjectSlug.From(projectName) ?? "app";
        if (project.Length > MaxProjectLength) project = project[..MaxProjectLength].TrimEnd('-');
        return $"{project}-{Short(taskId)}.{domain}";
    }

    public static Uri CleanUrl(string host, int publicPort) =>
        new(publicPort == 80 ? $"http://{host}/" : $"http://{host}:{publicPort.ToString(CultureInfo.InvariantCulture)}/");

    public static Uri DirectUrl(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    static string Short(Guid taskId) => taskId.ToString("N")[..8];
}
