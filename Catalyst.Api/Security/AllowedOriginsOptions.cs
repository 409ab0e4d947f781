namespace Catalyst.Api.Security;

/// <summary>
/// Pages that may open the task feeds' WebSockets and send cookie-signed requests, besides the Api's own origin:
/// for example a dashboard served elsewhere (<c>Catalyst:AllowedOrigins:0=https://dash.example.com</c>).
/// </summary>
public sealed class AllowedOriginsOptions
{
    public const string Section = "Catalyst";

    /// <summary>Origins as a browser sends them: scheme, host and port when not the default ("http://localhost:3000").</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public static bool AreValid(AllowedOriginsOptions options) =>
        options.AllowedOrigins.All(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/");
}
