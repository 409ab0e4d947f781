namespace Catalyst.Agents.Deployer;

/// <summary>The preview image: the built app layered on a base image, run as an unprivileged user.</summary>
public static class PreviewDockerfile
{
    public static string For(PreviewApp app, string baseImage) => $"""
        # The preview image: the app as the Tester built it, on {baseImage}.
        FROM {baseImage}
        WORKDIR /app
        COPY . /app
        ENV PORT=8080 DATA_DIR=/data ASPNETCORE_URLS=http://0.0.0.0:8080 HOST=0.0.0.0 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
        # Never root: 1654 is the unprivileged "app" user of the official .NET images.
        USER 1654
        EXPOSE 8080
        ENTRYPOINT [{string.Join(", ", new[] { app.FileName }.Concat(app.Arguments).Select(a => $"\"{a}\""))}]

        """;
}
