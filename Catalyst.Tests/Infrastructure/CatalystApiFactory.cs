using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalyst.Tests.Infrastructure;

/// <summary>The real Api pipeline in-process, against a real PostgreSQL database.</summary>
public sealed class CatalystApiFactory(string connectionString, string? apiKey = null) : WebApplicationFactory<Program>
{
    readonly TestDirectory dataRoot = new("api");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:catalystdb", connectionString);
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        if (apiKey is not null) builder.UseSetting("Catalyst:ApiKey", apiKey);
        builder.UseEnvironment("Testing");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) dataRoot.Dispose();
    }
}
