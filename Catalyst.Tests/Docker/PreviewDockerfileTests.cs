using Catalyst.Agents.Deployer;
using Catalyst.Agents.Docker;

namespace Catalyst.Tests.Docker;

public sealed class PreviewDockerfileTests
{
    [Fact]
    public void The_app_runs_its_own_command_as_the_unprivileged_user_on_its_stack_base_image()
    {
        var options = new DockerOptions { DotnetBaseImage = "runtime/aspnet:10", NodeBaseImage = "runtime/node:20" };
        var app = new PreviewApp("dotnet", "/ignored", "dotnet", ["My \"App\".dll", "--flag"]);

        var lines = PreviewDockerfile.For(app, PreviewDockerfile.BaseImageFor(app.Stack, options), source: "app").Split('\n');

        Assert.Contains("FROM runtime/aspnet:10", lines);
        Assert.Contains("COPY app /app/", lines);
        Assert.Contains("USER 1654:1654", lines);
        Assert.Contains("""CMD ["dotnet","My \u0022App\u0022.dll","--flag"]""", lines);
        Assert.Contains(lines, l => l.StartsWith("ENV PORT=8080 DATA_DIR=/data", StringComparison.Ordinal));
        // The user switch comes after every step that needs root.
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("USER", StringComparison.Ordinal)) > Array.FindIndex(lines, l => l.StartsWith("RUN", StringComparison.Ordinal)));
        Assert.Equal("runtime/node:20", PreviewDockerfile.BaseImageFor("node", options));
        Assert.Throws<ArgumentException>(() => PreviewDockerfile.BaseImageFor("cobol", options));
    }
}
