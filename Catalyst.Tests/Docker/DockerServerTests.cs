using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Docker.DotNet.Models;

namespace Catalyst.Tests.Docker;

/// <summary>The private daemon itself: whatever the tests made, nothing of it outlives the run.</summary>
public sealed class DockerServerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_private_daemon_leaves_no_bridge_no_packet_filter_rule_and_no_folder_behind()
    {
        if (!DockerServer.IsInstalled || !Environment.IsPrivilegedProcess) RequiredServer.Unavailable("Docker", "dockerd is missing or this is not root.");
        var server = new DockerServer();
        string bridge;
        try
        {
            await server.StartAsync(Ct, importBaseImage: false);
            var network = await server.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = "leftover", Driver = "bridge" }, Ct);
            bridge = $"br-{network.ID[..12]}";
            Assert.True(Directory.Exists($"/sys/class/net/{bridge}"), $"{bridge} was not created");
        }
        finally { await server.DisposeAsync(); }

        Assert.False(Directory.Exists($"/sys/class/net/{bridge}"), $"{bridge} outlived the daemon");
        Assert.False(Directory.Exists(server.Folder));
        // With --iptables=false the daemon writes no rule; one naming its bridge would be ours.
        var rules = await new ProcessRunner().RunAsync(new ProcessSpec("iptables-save", []) { Timeout = TimeSpan.FromSeconds(20) }, Ct);
        Assert.DoesNotContain(bridge, rules.StandardOutput);
    }
}
