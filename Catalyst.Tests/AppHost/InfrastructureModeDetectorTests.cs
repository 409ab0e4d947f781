extern alias apphost;
using apphost::Catalyst.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Catalyst.Tests.AppHost;

public sealed class InfrastructureModeDetectorTests
{
    const string AllImages = "library/postgres\nlibrary/rabbitmq\nlibrary/redis\nlibrary/traefik\n";

    static InfrastructureMode Resolve(Func<string[], string?> docker, params (string Key, string Value)[] settings) =>
        InfrastructureModeDetector.Resolve(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), docker);

    static Func<string[], string?> Docker(bool answers, string images) =>
        arguments => arguments[0] switch
        {
            "info" => answers ? "20.10.24" : null,
            "image" => images,
            _ => null,
        };

    [Fact]
    public void Without_a_container_runtime_the_installed_servers_are_used() =>
        Assert.Equal(InfrastructureMode.Local, Resolve(Docker(answers: false, AllImages)));

    [Fact]
    public void A_runtime_that_answers_but_lacks_the_images_does_not_break_the_default() =>
        Assert.Equal(InfrastructureMode.Local, Resolve(Docker(answers: true, "library/postgres\ncatalyst-preview-base\n")));

    [Fact]
    public void A_runtime_holding_every_image_gets_containers() =>
        Assert.Equal(InfrastructureMode.Containers, Resolve(Docker(answers: true, AllImages)));

    [Fact]
    public void A_runtime_said_to_pull_gets_containers_without_the_images() =>
        Assert.Equal(InfrastructureMode.Containers, Resolve(Docker(answers: true, ""), (InfrastructureModeDetector.PullableKey, "true")));

    [Theory]
    [InlineData("Local", true)]
    [InlineData("containers", false)]
    public void The_configured_mode_wins_and_no_runtime_is_asked(string configured, bool answers)
    {
        var asked = false;
        var mode = Resolve(arguments => { asked = true; return Docker(answers, AllImages)(arguments); }, (InfrastructureModeDetector.Key, configured));
        Assert.Equal(Enum.Parse<InfrastructureMode>(configured, ignoreCase: true), mode);
        Assert.False(asked);
    }
}
