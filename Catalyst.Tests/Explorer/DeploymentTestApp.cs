using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Explorer;

public sealed record Author(int Id, string Name, string Email);

public sealed record Book(int Id, string Title, decimal Price, DateOnly Published, Author Author);

/// <summary>
/// A real ASP.NET Core app on a loopback port for the deployment scan, with what a generated app has (/health, an
/// OpenAPI document, a small API, a page) and what the scan must cope with: /secure/ sends every security header,
/// /away redirects off the allowed hosts, /slow never answers. It counts every request it receives.
/// </summary>
public sealed class DeploymentTestApp : IAsyncDisposable
{
    const string Page = """
        <!doctype html><html><head><meta name="generator" content="Catalyst 1.0"><script src="/js/htmx.min.js"></script></head>
        <body><h1>Books</h1></body></html>
        """;

    readonly WebApplication app;
    int requests;

    DeploymentTestApp(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => Volatile.Read(ref requests);

    /// <param name="catalystSchema">Instead of an OpenAPI document, serve /schema.json as a generated Catalyst app does.</param>
    public static async Task<DeploymentTestApp> StartAsync(X509Certificate2? certificate, CancellationToken ct, AppSpec? catalystSchema = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => { if (certificate is not null) listen.UseHttps(certificate); }));
        // Through a method group: a direct call is intercepted by the OpenAPI XML-comment generator, which this
        // project does not enable (and the document needs no XML comments).
        Func<IServiceCollection, IServiceCollection> addOpenApi = OpenApiServiceCollectionExtensions.AddOpenApi;
        addOpenApi(builder.Services);
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        var host = new DeploymentTestApp(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref host.requests);
            await next(context);
        });
        if (catalystSchema is null) app.MapOpenApi();
        else app.MapGet("/schema.json", () => Results.Content(FrontendAssets.Schema(catalystSchema).ToJsonString(), "application/json"));
        app.MapHealthChecks("/health");
        app.MapGet("/", () => Results.Content(Page, "text/html")).ExcludeFromDescription();
        app.MapGet("/secure/", (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
            headers.StrictTransportSecurity = "max-age=31536000";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=()";
            return Results.Content(Page, "text/html");
        }).ExcludeFromDescription();
        app.MapGet("/away", () => Results.Redirect("http://10.1.2.3/")).ExcludeFromDescription();
        app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        }).ExcludeFromDescription();

        var books = app.MapGroup("/api/books");
        books.MapGet("/", () => TypedResults.Ok(Array.Empty<Book>())).WithSummary("Lists the books");
        books.MapGet("/{id:int}", (int id) => TypedResults.Ok(new Book(id, "Earthsea", 9.99m, new DateOnly(1968, 1, 1), new Author(1, "Le Guin", "ulg@example.com"))));
        books.MapPost("/", (Book book) => TypedResults.Created($"/api/books/{book.Id}", book));
        app.MapGet("/api/authors", () => TypedResults.Ok(Array.Empty<Author>()));

        await app.StartAsync(ct);
        host.BaseAddress = new Uri(app.Urls.First());
        return host;
    }

    /// <summary>A self-signed certificate for localhost: it does not validate, which the scan must report rather than fail on.</summary>
    public static X509Certificate2 SelfSignedCertificate(DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
