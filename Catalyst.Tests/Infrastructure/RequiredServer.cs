namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// What a test does when a server it needs cannot be started: in CI (CI=true) it fails, so a missing install
/// can never pass silently; on a developer machine it is skipped with the reason.
/// </summary>
public static class RequiredServer
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Unavailable(string server, string reason)
    {
        var message = $"{server} is not available: {reason} Run eng/install-deps.sh to install it.";
        if (IsCi) Assert.Fail(message);
        Assert.Skip(message);
    }
}
