namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// Environment overrides for tools started from inside a test run: the test host's MSBuild and VSTest
/// settings are removed, so a nested dotnet build or test behaves as it would in a fresh shell.
/// </summary>
public static class NestedToolEnvironment
{
    public static Dictionary<string, string?> Create()
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH")
            .ToDictionary(k => k, _ => (string?)null);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }
}
