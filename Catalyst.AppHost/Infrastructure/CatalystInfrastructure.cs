using System.Security.Cryptography;

namespace Catalyst.AppHost.Infrastructure;

/// <summary>
/// Where and how the AppHost runs Catalyst's servers: the <see cref="InfrastructureMode"/>, the data folder
/// (Local servers' data, the services' shared Catalyst:DataRoot) and, in Local mode, the fixed loopback ports
/// (section <c>Catalyst:Local:Ports</c>, so tests and a second AppHost can move them).
/// </summary>
/// <remarks>
/// Publishing (the manifest, deploy/aspire-manifest.json) describes a deployment, not this machine: nothing
/// in it may name a folder of the machine that generated it. See docs/deployment.md.
/// </remarks>
public sealed class CatalystInfrastructure(IDistributedApplicationBuilder builder, InfrastructureMode mode, string dataDirectory)
{
    /// <summary>The services' Catalyst:DataRoot in a deployment: the volume the Api and every worker mount (deploy/).</summary>
    public const string DeployedDataRoot = "/var/lib/catalyst";

    public IDistributedApplicationBuilder Builder => builder;
    public InfrastructureMode Mode => mode;

    /// <summary>Generating a deployment description (the manifest) rather than running on this machine.</summary>
    public bool IsPublishing => builder.ExecutionContext.IsPublishMode;

    /// <summary><c>Catalyst:AppHost:DataDirectory</c>, default ~/.catalyst/apphost.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>The services' Catalyst:DataRoot: repositories, artifacts, previews, shared by the Api and every worker.</summary>
    public string CatalystDataRoot => IsPublishing ? DeployedDataRoot : Path.Combine(dataDirectory, "catalyst");

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
        if (!builder.ExecutionContext.IsPublishMode) Directory.CreateDirectory(dataDirectory);
        return new CatalystInfrastructure(builder, mode, dataDirectory);
    }

    /// <summary>Catalyst's distributed mode, with one data root for the Api and every worker (they share the git repositories).</summary>
    public static IResourceBuilder<ProjectResource> WithCatalystDistributedMode(
        this IResourceBuilder<ProjectResource> project, CatalystInfrastructure infrastructure) =>
        project
            .WithEnvironment("Catalyst__Mode", "Distributed")
            .WithEnvironment("Catalyst__DataRoot", infrastructure.CatalystDataRoot);

    /// <summary>
    /// The Api's key (Catalyst:ApiKey) where it is deployed: there it listens on every interface, which it
    /// refuses to do without one. A secret parameter, never a value. Run here, it listens on loopback and needs none.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCatalystApiKeyWhenDeployed(
        this IResourceBuilder<ProjectResource> api, CatalystInfrastructure infrastructure) =>
        infrastructure.IsPublishing
            ? api.WithEnvironment("Catalyst__ApiKey", infrastructure.Builder.AddParameter("catalyst-api-key", secret: true))
            : api;

    /// <summary>
    /// An official image by its short name (<c>postgres:18.3</c>, not Aspire's fully qualified default): the
    /// container runtime resolves it to its default registry, and no registry host is written anywhere.
    /// </summary>
    public static IResourceBuilder<T> WithShortImageName<T>(this IResourceBuilder<T> container) where T : ContainerResource
    {
        var image = container.Resource.Annotations.OfType<ContainerImageAnnotation>().Single();
        image.Registry = null;
        image.Image = image.Image[(image.Image.LastIndexOf('/') + 1)..];
        return container;
    }
}
