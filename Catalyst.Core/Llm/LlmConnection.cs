using System.Data.Common;

namespace Catalyst.Core.Llm;

public enum LlmProvider { OpenAI, Azure, Ollama }

/// <summary>
/// Where the model is: <c>ConnectionStrings:llm</c> as <c>Endpoint=...;Key=...;Model=...;Provider=openai|azure|ollama</c>,
/// the shape an Aspire AppHost passes as a connection string. The key never appears in <see cref="ToString"/>.
/// </summary>
public sealed record LlmConnection(Uri Endpoint, string? Key, string Model, LlmProvider Provider)
{
    public const string ConnectionName = "llm";

    public static LlmConnection Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Part(string name) => parts.TryGetValue(name, out var value) && value is string text && text.Length > 0 ? text : null;

        var provider = Part("Provider")?.ToLowerInvariant() switch
        {
            null or "openai" => LlmProvider.OpenAI,
            "azure" or "azureopenai" => LlmProvider.Azure,
            "ollama" => LlmProvider.Ollama,
            var other => throw new FormatException($"ConnectionStrings:{ConnectionName} names the provider '{other}'; use openai, azure or ollama."),
        };
        var endpoint = Part("Endpoint") is { } address && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"ConnectionStrings:{ConnectionName} needs Endpoint=<http(s) URL>, for example Endpoint=https://api.openai.com/v1.");
        var model = Part("Model") ?? Part("Deployment")
            ?? throw new FormatException($"ConnectionStrings:{ConnectionName} needs Model=<model or deployment name>.");
        var key = Part("Key") ?? Part("AccessKey");
        if (key is null && provider != LlmProvider.Ollama)
            throw new FormatException($"ConnectionStrings:{ConnectionName} needs Key=<API key> for the {provider} provider.");
        return new LlmConnection(endpoint, key, model, provider);
    }

    public override string ToString() => $"{Provider} {Model} at {Endpoint}";
}
