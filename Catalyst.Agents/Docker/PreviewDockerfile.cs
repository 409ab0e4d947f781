using System.Text.Json;
using Catalyst.Agents.Deployer;

namespace Catalyst.Agents.Docker;

/// <summary>
/// The Dockerfile a built app runs from: the docker preview runtime builds it, and the Deployer writes it into
/// the deployment's files so that the same image can be built anywhere.
/// </summary>
public static class PreviewDockerfile
{
    /// <summary>
    /// The unprivileged user the app runs as: the "app" user of the official .NET images, as in the generated
    /// apps' own Dockerfiles and the Kubernetes manifests; numeric, so that no other base image needs to know it.
    /// </summary>
    public const int AppUserId = 1654;

    public const int ContainerPort = 8080;

    public const string DataDirectory = "/data";

    /// <param name="app">The built app and its start command, run from /app.</param>
    /// <param name="baseImage">The image to layer it on (the stack's runtime image).</param>
    /// <param name="source">Where the app's folder is in the build context.</param>
    public static string For(PreviewApp app, string baseImage, string source = ".")
    {
        string[] command = [app.FileName, .. app.Arguments];
        return $"""
            # The built {app.Stack} app, written by Catalyst.
            FROM {baseImage}
            WORKDIR /app
            # Owned by root: the app reads its own files but cannot change them.
            COPY {source} /app/
            # Its one writable place, owned by the app's user so that a fresh volume mounted there is writable too.
            RUN mkdir -p {DataDirectory} && chown {AppUserId}:{AppUserId} {DataDirectory}
            ENV PORT={ContainerPort} DATA_DIR={DataDirectory} ASPNETCORE_URLS=http://0.0.0.0:{ContainerPort} HOST=0.0.0.0
            EXPOSE {ContainerPort}
            USER {AppUserId}:{AppUserId}
            CMD {JsonSerializer.Serialize(command)}

            """;
    }

    /// <summary>The base image configured for the app's stack.</summary>
    public static string BaseImageFor(string stack, DockerOptions options) => stack switch
    {
        "node" => options.NodeBaseImage,
        "dotnet" => options.DotnetBaseImage,
        _ => throw new ArgumentException($"No base image is configured for the '{stack}' stack.", nameof(stack)),
    };
}
