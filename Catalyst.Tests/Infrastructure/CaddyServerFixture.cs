namespace Catalyst.Tests.Infrastructure;

/// <summary>One Caddy for the test run, started on first use.</summary>
public sealed class CaddyServerFixture() : SharedServerFixture<CaddyServer>("Caddy")
{
    protected override string? Missing() => CaddyServer.IsInstalled ? null : $"{CaddyServer.Binary} was not found.";

    protected override CaddyServer Create() => new();

    protected override Task StartAsync(CaddyServer candidate) => candidate.StartAsync(CancellationToken.None);
}
