using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// One scripted answer: what the model says (or the HTTP failure it gives), with the usage it reports. An answer
/// may instead be tool calls (<see cref="ToolCalls"/>) or a refusal (<see cref="Refusal"/>), as OpenAI sends them.
/// </summary>
public sealed record ModelAnswer(string Content = "", int Status = 200, int? RetryAfterSeconds = null, TimeSpan Delay = default,
    int PromptTokens = 120, int CompletionTokens = 80)
{
    public IReadOnlyList<ModelToolCall> ToolCalls { get; init; } = [];

    /// <summary>Why the model declines; sent as the message's <c>refusal</c> with no content.</summary>
    public string? Refusal { get; init; }

    public static ModelAnswer Json(JsonNode content, int promptTokens = 120, int completionTokens = 80) =>
        new(content.ToJsonString(), PromptTokens: promptTokens, CompletionTokens: completionTokens);

    public static ModelAnswer TooManyRequests(int retryAfterSeconds) => new(Status: 429, RetryAfterSeconds: retryAfterSeconds);

    public static ModelAnswer Refused(string why) => new() { Refusal = why };

    public static ModelAnswer CallsTools(params ModelToolCall[] calls) => new() { ToolCalls = calls };

    internal string FinishReason => ToolCalls.Count > 0 ? "tool_calls" : "stop";
}

/// <summary>A function the scripted model asks the caller to run, with its arguments.</summary>
public sealed record ModelToolCall(string Name, JsonObject Arguments)
{
    public string Id { get; init; } = $"call_{Guid.NewGuid():N}";
}

/// <summary>
/// A model server of the tests' own, since no model can be reached here: a real HTTP server on a loopback port
/// that speaks OpenAI's chat completions (<c>/v1/chat/completions</c>, also under Azure's deployment path; plain
/// and streamed, with usage, tool calls and refusals) and Ollama's <c>/api/chat</c>, answering from a script and
/// recording every request.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<ModelAnswer> script = new();

    ModelServer(WebApplication app) => this.app = app;

    public int Port { get; private init; }
    public ConcurrentQueue<ModelRequest> Requests { get; } = new();

    /// <summary>A connection string for Catalyst (<c>ConnectionStrings:llm</c>).</summary>
    public string ConnectionString(string provider = "openai", string model = "catalyst-test-model", string key = "sk-test-0123456789abcdef") =>
        provider switch
        {
            "ollama" => $"Endpoint=http://127.0.0.1:{Port}/;Model={model};Provider=ollama",
            "azure" => $"Endpoint=http://127.0.0.1:{Port}/;Key={key};Model={model};Provider=azure",
            _ => $"Endpoint=http://127.0.0.1:{Port}/v1;Key={key};Model={model};Provider=openai",
        };

    public void Enqueue(params ModelAnswer[] answers)
    {
        foreach (var answer in answers) script.Enqueue(answer);
    }

    public static async Task<ModelServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new ModelServer(app) { Port = port };
        app.MapPost("/v1/chat/completions", server.OpenAIAsync);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", server.OpenAIAsync);
        app.MapPost("/api/chat", server.OllamaAsync);
        await app.StartAsync();
        return server;
    }

    async Task OpenAIAsync(HttpContext context)
    {
        var (request, answer) = await NextAsync(context);
        if (answer is null) return;
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var model = (string?)request["model"] ?? context.GetRouteValue("deployment") as string ?? "catalyst-test-model";
        var usage = new JsonObject { ["prompt_tokens"] = answer.PromptTokens, ["completion_tokens"] = answer.CompletionTokens, ["total_tokens"] = answer.PromptTokens + answer.CompletionTokens };
        if ((bool?)request["stream"] != true)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = answer.FinishReason,
                    ["message"] = OpenAIMessage(answer),
                }),
                ["usage"] = usage,
            });
            return;
        }
        context.Response.ContentType = "text/event-stream";
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await WriteEventAsync(context, Chunk(new JsonObject { ["role"] = "assistant" }, null).ToJsonString());
        foreach (var piece in Pieces(answer.Content))
            await WriteEventAsync(context, Chunk(new JsonObject { ["content"] = piece }, null).ToJsonString());
        foreach (var piece in Pieces(answer.Refusal ?? ""))
            await WriteEventAsync(context, Chunk(new JsonObject { ["refusal"] = piece }, null).ToJsonString());
        // A tool call streams as its id and name first, then its arguments in pieces, each tagged with the call's index.
        foreach (var (call, index) in answer.ToolCalls.Select((c, i) => (c, i)))
        {
            await WriteEventAsync(context, Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index, ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            }) }, null).ToJsonString());
            foreach (var piece in Pieces(call.Arguments.ToJsonString()))
                await WriteEventAsync(context, Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index, ["function"] = new JsonObject { ["arguments"] = piece },
                }) }, null).ToJsonString());
        }
        await WriteEventAsync(context, Chunk([], answer.FinishReason).ToJsonString());
        await WriteEventAsync(context, new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = usage }.ToJsonString());
        await WriteEventAsync(context, "[DONE]");
    }

    async Task OllamaAsync(HttpContext context)
    {
        var (request, answer) = await NextAsync(context);
        if (answer is null) return;
        var model = (string?)request["model"] ?? "catalyst-test-model";
        JsonObject Message(string content, bool done) => new()
        {
            ["model"] = model, ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["done"] = done,
        };
        var last = Message(answer.Content, true);
        last["done_reason"] = "stop";
        if (answer.ToolCalls.Count > 0) // Ollama's tool calls carry their arguments as an object, on the final message
            last["message"]!["tool_calls"] = new JsonArray([.. answer.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments.DeepClone() },
            })]);
        last["prompt_eval_count"] = answer.PromptTokens;
        last["eval_count"] = answer.CompletionTokens;
        if ((bool?)request["stream"] == false)
        {
            await context.Response.WriteAsJsonAsync(last);
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        foreach (var piece in Pieces(answer.Content))
            await context.Response.WriteAsync(Message(piece, false).ToJsonString() + "\n");
        last["message"]!["content"] = "";
        await context.Response.WriteAsync(last.ToJsonString() + "\n");
    }

    static JsonObject OpenAIMessage(ModelAnswer answer)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = answer.Refusal is null && answer.ToolCalls.Count == 0 ? answer.Content : null };
        if (answer.Refusal is { } refusal) message["refusal"] = refusal;
        if (answer.ToolCalls.Count > 0)
            message["tool_calls"] = new JsonArray([.. answer.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments.ToJsonString() }, // a JSON string, as OpenAI sends it
            })]);
        return message;
    }

    /// <summary>Records the request and takes the next answer; writes a failure itself and returns null for it.</summary>
    async Task<(JsonObject Request, ModelAnswer? Answer)> NextAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        Requests.Enqueue(new ModelRequest(context.Request.Path, body, context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString()));
        if (!script.TryDequeue(out var answer))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "The test's script has no answer left.", type = "server_error" } });
            return (body, null);
        }
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return (body, null); }
        }
        if (answer.Status == 200) return (body, answer);
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        await context.Response.WriteAsJsonAsync(new { error = new { message = $"Scripted failure {answer.Status}.", type = "rate_limit_exceeded" } });
        return (body, null);
    }

    static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n");
        await context.Response.Body.FlushAsync();
    }

    static IEnumerable<string> Pieces(string content)
    {
        for (var i = 0; i < content.Length; i += 16) yield return content.Substring(i, Math.Min(16, content.Length - i));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed record ModelRequest(string Path, JsonObject Body, string Authorization, string ApiKeyHeader)
{
    public string Text => Body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
