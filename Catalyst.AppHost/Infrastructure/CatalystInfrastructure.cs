using System.Security.Cryptography;

namespace Catalyst.AppHost.Infrastructure;

/// <summary>
/// Where and how the AppHost runs Catalyst's servers: the <see cref="InfrastructureMode"/>, the data folder
/// (Local servers' data, the services' shared Catalyst:DataRoot) and, in Local mode, the fixed loopback ports
/// (section <c>Catalyst:Local:Ports</c>, so tests and a second AppHost can move them).
/// </summary>
public sealed class CatalystInfrastructure(IDistributedApplicationBuilder builder, InfrastructureMode mode, string dataDirectory)
{
    public IDistributedApplicationBuilder Builder => builder;
    public InfrastructureMode Mode => mode;

    /// <summary><c>Catalyst:AppHost:DataDirectory</c>, default ~/.catalyst/apphost.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>The services' Catalyst:DataRoot: repositories, artifacts, previews, shared by the Api and every worker.</summary>
    public string CatalystDataRoot => Path.Combine(dataDirectory, "catalyst");

    public string ScriptPath(string script) => Path.Combine(builder.AppHostDirectory, "scripts", script);

    public string ServerDirectory(string server) => Directory.CreateDirectory(Path.Combine(dataDirectory, server)).FullName;

    public int Port(string name, int fallback) => builder.Configuration.GetValue($"Catalyst:Local:Ports:{name}", fallback);

    /// <summary>A generated password kept owner-only in <paramref name="directory"/>, the same on every start.</summary>
    public static string Secret(string directory, string name)
    {
        var file = Path.Combine(directory, name);
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(file, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}

public static class CatalystInfrastructureExtensions
{
    public static CatalystInfrastructure AddCatalystInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModeDetector.Resolve(builder.Configuration);
        var dataDirectory = builder.Configuration["Catalyst:AppHost:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".catalyst", "apphost");
        Directory.CreateDirectory(dataDirectory);
        return new CatalystInfrastructure(builder, mode, dataDirectory);
    }

    /// <summary>Catalyst's distributed mode, with one data root for the Api and every worker (they share the git repositories).</summary>
    public static IResourceBuilder<ProjectResource> WithCatalystDistributedMode(
        this IResourceBuilder<ProjectResource> project, CatalystInfrastructure infrastructure) =>
        project
            .WithEnvironment("Catalyst__Mode", "Distributed")
            .WithEnvironment("Catalyst__DataRoot", infrastructure.CatalystDataRoot);
}
