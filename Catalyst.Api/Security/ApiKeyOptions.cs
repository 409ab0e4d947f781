namespace Catalyst.Api.Security;

public sealed class ApiKeyOptions
{
    public const string Section = "Catalyst";
    public const string HeaderName = "X-Api-Key";

    /// <summary>
    /// When set, every /api request must carry it (X-Api-Key header or Authorization: Bearer). Required before
    /// the Api may listen on anything but loopback.
    /// </summary>
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(ApiKey);
}
