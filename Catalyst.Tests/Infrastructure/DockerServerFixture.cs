using Docker.DotNet;

namespace Catalyst.Tests.Infrastructure;

/// <summary>One private Docker daemon for the test run, started on first use (with its base image imported, ~5 s).</summary>
public sealed class DockerServerFixture() : SharedServerFixture<DockerServer>("Docker")
{
    protected override string? Missing() =>
        !DockerServer.IsInstalled ? $"{DockerServer.Daemon} was not found."
        : !Environment.IsPrivilegedProcess ? "dockerd needs root."
        : null;

    protected override DockerServer Create() => new();

    protected override Task StartAsync(DockerServer candidate) => candidate.StartAsync(CancellationToken.None);

    protected override bool IsStartFailure(Exception e) => base.IsStartFailure(e) || e is DockerApiException;
}
