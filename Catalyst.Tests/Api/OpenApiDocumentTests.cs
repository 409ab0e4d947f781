using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Catalyst.Api.OpenApi;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Api;

/// <summary>The OpenAPI document covers the whole HTTP surface, with an example for every body.</summary>
public sealed class OpenApiDocumentTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_api_route_is_documented_with_a_summary_a_tag_and_an_example_for_every_body()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;

        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && (path.StartsWith("/api/") || path.StartsWith("/ws/")))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m.ToLowerInvariant(), Path: Normalize(e.RoutePattern.RawText!))))
            .Distinct().ToList();
        Assert.True(routes.Count >= 30, $"Only {routes.Count} routes found.");

        var missing = new List<string>();
        foreach (var (method, path) in routes)
        {
            var operation = document["paths"]?[path]?[method];
            if (operation is null) { missing.Add($"{method} {path}: not in the document"); continue; }
            if (string.IsNullOrWhiteSpace((string?)operation["summary"])) missing.Add($"{method} {path}: no summary");
            if (operation["tags"] is not JsonArray { Count: > 0 }) missing.Add($"{method} {path}: no tag");
            foreach (var (where, mediaType, content) in Contents(operation))
                if (content["example"] is null) missing.Add($"{method} {path}: {where} {mediaType} has no example");
            if (path.Contains('{') && operation["responses"]?["404"] is null) missing.Add($"{method} {path}: 404 not documented");
        }
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public async Task Every_example_reads_back_into_its_contract_and_none_is_unused()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var examples = api.Services.GetRequiredService<OpenApiExamples>();
        var json = new JsonSerializerOptions(api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        var descriptions = api.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);
        var types = descriptions
            .SelectMany(d => d.ParameterDescriptions.Where(p => p.Source == BindingSource.Body).Select(p => p.Type)
                .Concat(d.SupportedResponseTypes.Select(r => r.Type)))
            .OfType<Type>().Where(t => t != typeof(void)).Distinct().ToList();

        var used = new HashSet<string>();
        foreach (var type in types)
        {
            if (examples.For(type) is not { } example || example is JsonValue) continue; // a JSON string is the stream's text
            var contract = example is not JsonArray ? type : type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            used.Add(OpenApiExamples.NameOf(contract));
            var node = example is JsonArray array ? array[0]! : example;
            var read = node.Deserialize(contract, json);
            Assert.True(read is not null, $"The example of {contract.Name} read back as null.");
            // Every property the example names must be one the contract writes, spelled as the Api spells it.
            var written = JsonSerializer.SerializeToNode(read, contract, json)!;
            if (node is JsonObject exampleObject)
                Assert.All(exampleObject, p => Assert.True(written.AsObject().ContainsKey(p.Key), $"{contract.Name}: '{p.Key}' is not in the contract."));
        }
        used.Add("SseItemOfJsonElement"); // the stream's text, checked below
        Assert.Empty(examples.Names.Except(used));

        var stream = (string)examples.Named("SseItemOfJsonElement")!;
        Assert.All(new[] { "progress", "agent_log", "preview_ready", "task_complete" }, type => Assert.Contains($"event: {type}\ndata: {{\"type\":\"{type}\"", stream));
    }

    // Route constraints are not part of an OpenAPI path: /api/tasks/{id:guid} is /api/tasks/{id}.
    static string Normalize(string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:=?*]+)[^}]*\}", "{$1}").TrimEnd('/');
        return path.Replace("{*", "{");
    }

    static IEnumerable<(string Where, string MediaType, JsonNode Content)> Contents(JsonNode operation)
    {
        foreach (var (mediaType, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            if (mediaType.Contains("json")) yield return ("request", mediaType, content!);
        foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
            foreach (var (mediaType, content) in response?["content"]?.AsObject() ?? [])
                if (mediaType.Contains("json") || mediaType == "text/event-stream") yield return ($"response {status}", mediaType, content!);
    }
}
