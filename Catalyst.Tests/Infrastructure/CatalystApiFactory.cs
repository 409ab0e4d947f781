using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalyst.Tests.Infrastructure;

/// <summary>The real Api pipeline in-process, against a real PostgreSQL database.</summary>
public sealed class CatalystApiFactory(string connectionString, string? apiKey = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    readonly TestDirectory dataRoot = new("api");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:catalystdb", connectionString);
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        if (apiKey is not null) builder.UseSetting("Catalyst:ApiKey", apiKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) dataRoot.Dispose();
    }
}
