using System.ComponentModel;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Catalyst.Tests.Planning;

/// <summary>
/// The tests' model server answers with tool calls as OpenAI and Ollama send them, plain and streamed, and an
/// agent's client (the whole pipeline: metering, telemetry, logging, the provider's adapter) hands them on as
/// function calls with their arguments.
/// </summary>
public sealed class ModelToolCallTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Description("The weather in a city.")]
    static string Weather([Description("The city.")] string city) => $"Rain in {city}";

    [Theory]
    [InlineData("openai", false)]
    [InlineData("openai", true)]
    [InlineData("ollama", false)]
    [InlineData("ollama", true)]
    public async Task A_tool_call_answer_reaches_the_agent_as_a_function_call_with_its_arguments(string provider, bool streamed)
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.CallsTools(new ModelToolCall("weather", new() { ["city"] = "Oslo" }) { Id = "call_weather_1" }));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: new() { ["ConnectionStrings:llm"] = server.ConnectionString(provider) });
        var client = api.Services<Core.Llm.AgentModels>().For("chat", null)!;
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(Weather, "weather")] };

        var response = streamed
            ? await client.GetStreamingResponseAsync("What is the weather in Oslo?", options, Ct).ToChatResponseAsync(Ct)
            : await client.GetResponseAsync("What is the weather in Oslo?", options, Ct);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("weather", call.Name);
        Assert.Equal("Oslo", call.Arguments?["city"]?.ToString());
        if (provider == "openai")
        {
            Assert.Equal("call_weather_1", call.CallId);
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        }
        var request = Assert.Single(server.Requests);
        Assert.Contains("\"weather\"", request.Body["tools"]!.ToJsonString()); // the tool was offered to the model
    }
}
