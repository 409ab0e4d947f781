using Catalyst.Agents.Tester;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// Turns the reviewed commit into a runnable app folder. The Tester's workspace already holds that commit
/// restored and built; when its HEAD is the reviewed commit its output is copied, so no second restore or build
/// is spent. Otherwise (a workspace cleaned up, or a newer round tested since) the commit is checked out afresh
/// and restored and built in the sandbox the same way the Tester does it.
/// </summary>
public sealed class PreviewAppBuilder(
    ISandbox sandbox, ProjectRepositories repositories, IOptions<CatalystOptions> catalyst, IOptions<TesterOptions> tester)
{
    /// <summary>Builds (or reuses) the app of <paramref name="commit"/> into <paramref name="appDirectory"/>.</summary>
    public async Task<(PreviewApp App, bool Reused)> PrepareAsync(
        Guid taskId, string stack, string repo, string commit, string appDirectory, Action<string> progress, CancellationToken ct)
    {
        var workspace = Path.Combine(catalyst.Value.ArtifactsFor(taskId), "workspace");
        var reused = IsBuiltAt(workspace, stack, commit);
        if (!reused)
        {
            workspace = Path.Combine(Path.GetDirectoryName(appDirectory)!, "source");
            progress($"📦 Checking out {commit[..Math.Min(8, commit.Length)]} and building it (the Tester's build is no longer there)...");
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
            await GitWorkspace.CloneAtCommitAsync(repositories.PathFor(repo), commit, workspace, ct);
            foreach (var step in TestSteps.For(stack, workspace, tester.Value).Where(s => s.Name is "restore" or "build"))
            {
                var result = await sandbox.RunAsync(workspace, step.Command, ct);
                if (!result.Succeeded)
                    throw new PreviewFailedException($"The {step.Name} for the preview failed: {Tail(result.StandardOutput + result.StandardError, 15)}");
            }
        }
        if (Directory.Exists(appDirectory)) Directory.Delete(appDirectory, recursive: true);
        var app = stack == "node" ? CopyNodeApp(workspace, appDirectory) : CopyDotnetApp(workspace, appDirectory);
        if (!reused) Directory.Delete(workspace, recursive: true);
        return (app, reused);
    }

    static bool IsBuiltAt(string workspace, string stack, string commit)
    {
        if (GitWorkspace.HeadOf(workspace) != commit) return false;
        return stack == "node" ? Directory.Exists(Path.Combine(workspace, "node_modules")) : FindDotnetOutput(workspace) is not null;
    }

    /// <summary>The build output folder (with the app's dll) and the web root next to it.</summary>
    static PreviewApp CopyDotnetApp(string workspace, string appDirectory)
    {
        var (project, output) = FindDotnetOutput(workspace) ?? throw new PreviewFailedException("The .NET app has no build output to run.");
        CopyDirectory(output, appDirectory);
        var webRoot = Path.Combine(Path.GetDirectoryName(project)!, "wwwroot");
        if (Directory.Exists(webRoot)) CopyDirectory(webRoot, Path.Combine(appDirectory, "wwwroot"));
        return new PreviewApp("dotnet", appDirectory, "dotnet", [Path.GetFileNameWithoutExtension(project) + ".dll"]);
    }

    static PreviewApp CopyNodeApp(string workspace, string appDirectory)
    {
        Directory.CreateDirectory(appDirectory);
        foreach (var file in new[] { "package.json", "package-lock.json" }.Where(f => File.Exists(Path.Combine(workspace, f))))
            File.Copy(Path.Combine(workspace, file), Path.Combine(appDirectory, file));
        foreach (var folder in new[] { "src", "public", "node_modules" }.Where(f => Directory.Exists(Path.Combine(workspace, f))))
            CopyDirectory(Path.Combine(workspace, folder), Path.Combine(appDirectory, folder));
        return new PreviewApp("node", appDirectory, "node", ["src/server.js"]);
    }

    static (string Project, string Output)? FindDotnetOutput(string workspace)
    {
        var source = Path.Combine(workspace, "src");
        if (!Directory.Exists(source)) return null;
        var project = Directory.GetFiles(source, "*.csproj", SearchOption.AllDirectories).FirstOrDefault();
        if (project is null) return null;
        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin");
        var dll = Directory.Exists(bin)
            ? Directory.GetFiles(bin, Path.GetFileNameWithoutExtension(project) + ".dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return dll is null ? null : (project, Path.GetDirectoryName(dll)!);
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    internal static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).TakeLast(lines));
}

/// <summary>The preview could not be started, for a reason the user can act on (it ends the task as failed).</summary>
public sealed class PreviewFailedException(string message) : Exception(message);
