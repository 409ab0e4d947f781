using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Catalyst.Tests.Planning;

/// <summary>
/// The agents' model pipeline caches answers in the app's HybridCache: an identical second call never reaches
/// the model server, and llm_calls records it as a cache hit that used no tokens and cost nothing.
/// </summary>
public sealed class ModelCachingTests(PostgresServerFixture postgres)
{
    const string Model = "catalyst-test-model";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Settings(ModelServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:llm"] = server.ConnectionString(model: Model),
            [$"Catalyst:Llm:Prices:{Model}:InputPerMillion"] = "2",
            [$"Catalyst:Llm:Prices:{Model}:OutputPerMillion"] = "8",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    static async Task<string> AskAsync(IChatClient client, bool streamed)
    {
        var options = new ChatOptions { Temperature = 0 };
        return streamed
            ? (await client.GetStreamingResponseAsync("Describe a birding journal.", options, Ct).ToChatResponseAsync(Ct)).Text
            : (await client.GetResponseAsync("Describe a birding journal.", options, Ct)).Text;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_repeated_identical_call_is_answered_from_the_cache_and_recorded_as_a_hit_at_no_cost(bool streamed)
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(new ModelAnswer("A journal of bird sightings.", PromptTokens: 1000, CompletionTokens: 500));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server));
        var models = api.Services<Core.Llm.AgentModels>();

        var first = await AskAsync(models.For("chat", null)!, streamed);
        var second = await AskAsync(models.For("chat", null)!, streamed); // a new client, as each agent step makes: the cache is the app's

        Assert.Equal("A journal of bird sightings.", first);
        Assert.Equal(first, second);
        Assert.Single(server.Requests);
        var costs = (await api.Client.GetFromJsonAsync<JsonObject>("/api/costs", Ct))!;
        var calls = costs["latest_calls"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(2, calls.Count);
        var hit = Assert.Single(calls, c => (bool)c["cache_hit"]!);
        Assert.Equal((0, 0, 0m, "ok"), ((int)hit["prompt_tokens"]!, (int)hit["completion_tokens"]!, (decimal)hit["cost"]!, (string)hit["outcome"]!));
        var miss = Assert.Single(calls, c => !(bool)c["cache_hit"]!);
        Assert.Equal((1000, 500, 0.006m), ((int)miss["prompt_tokens"]!, (int)miss["completion_tokens"]!, (decimal)miss["cost"]!));
        Assert.Equal(0.006m, (decimal)costs["cost"]!);
    }

    [Fact]
    public async Task With_the_cache_turned_off_every_identical_call_goes_to_the_model()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(new ModelAnswer("One."), new ModelAnswer("Two."));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server, ("Catalyst:Llm:CacheExpiration", "00:00:00")));
        var client = api.Services<Core.Llm.AgentModels>().For("chat", null)!;

        Assert.Equal("One.", await AskAsync(client, streamed: false));
        Assert.Equal("Two.", await AskAsync(client, streamed: false));

        Assert.Equal(2, server.Requests.Count);
        var calls = (await api.Client.GetFromJsonAsync<JsonObject>("/api/costs", Ct))!["latest_calls"]!.AsArray();
        Assert.All(calls, c => Assert.False((bool)c!["cache_hit"]!));
    }
}
