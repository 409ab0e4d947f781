using System.Text.Json;

namespace Catalyst.Api.Extensions;

/// <summary>
/// Run from its build output, the Api finds the UI's files (its own, Blazor's, MudBlazor's) through the build's
/// static web assets manifest, which names folders in the building user's NuGet cache. Another user may not be
/// able to read them, and ASP.NET Core would then stop at start-up; instead the Api starts without those files
/// and says why. A published Api carries its files and needs no manifest.
/// </summary>
public static class StaticWebAssetsCheck
{
    public static void UseStaticWebAssetsWhenReadable(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        var unreadable = File.Exists(manifest) ? UnreadableRoots(manifest) : [];
        if (unreadable.Count == 0)
        {
            builder.WebHost.UseStaticWebAssets();
            return;
        }
        builder.Services.AddHostedService(sp => new Warning(sp.GetRequiredService<ILogger<Warning>>(), unreadable));
    }

    static List<string> UnreadableRoots(string manifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return [.. document.RootElement.GetProperty("ContentRoots").EnumerateArray()
            .Select(root => root.GetString() ?? "").Where(root => !Directory.Exists(root))];
    }

    sealed class Warning(ILogger<Warning> logger, List<string> unreadable) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("The UI's files cannot be read from {Folders} (built by another user?); the pages are served without them. " +
                "Build as this user, or run a published Api (dotnet publish), to serve them.", string.Join(", ", unreadable));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
