using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The live feed of a task (SSE and WebSocket) and its progress, over HTTP against the real Api and a real
/// PostgreSQL, with scripted agents that take a little time per step so the feed is read while the task runs.
/// </summary>
public sealed class TaskFeedTests(PostgresServerFixture postgres, RabbitMqServerFixture rabbit)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static bool IsEnd(SseMessage m) => m.Type == "task_complete";

    static string Key(SseMessage m) => $"{m.Id} {m.Type} {m.Data.ToJsonString()}";

    /// <summary>The Api with scripted agents on its own database; disposing it stops and removes all three.</summary>
    sealed class Embedded(PipelineApi api, PipelineDatabase database, TestDirectory work) : IAsyncDisposable
    {
        public PipelineApi Api => api;

        public async ValueTask DisposeAsync()
        {
            await api.DisposeAsync();
            await database.DisposeAsync();
            work.Dispose();
        }
    }

    async Task<Embedded> StartEmbeddedAsync()
    {
        var work = new TestDirectory("feed");
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var database = new PipelineDatabase(connectionString);
        await database.CreateEffectsTableAsync();
        var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["PipelineTest:MarkerDirectory"] = work.Path,
            ["PipelineTest:HopDelay"] = "00:00:00.300",
        }, PipelineAgents.Scripted);
        return new(api, database, work);
    }

    [Fact]
    public async Task A_client_that_reconnects_mid_build_with_Last_Event_ID_gets_every_message_once_in_order()
    {
        await using var embedded = await StartEmbeddedAsync();
        var api = embedded.Api;
        var client = api.CreateClient();
        var taskId = await api.SubmitAsync("a todo app");
        var url = $"/api/events/{taskId}/stream";

        var first = await ServerSentEvents.ReadUntilAsync(client, url, m => m.Type == "progress" && (string?)m.Data["phase"] == "coding", Patience);
        var status = (string?)JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!["status"];
        Assert.NotEqual("completed", status); // the first part was read live, while the agents worked
        var rest = await ServerSentEvents.ReadUntilAsync(client, url, IsEnd, Patience, lastEventId: first[^1].Id);
        var whole = await ServerSentEvents.ReadUntilAsync(client, url, last: null, Patience); // a finished task's feed ends

        Assert.Equal(whole.Select(Key), first.Concat(rest).Select(Key));
        Assert.Equal(whole.Count, whole.Select(m => m.Id).Distinct().Count());
        Assert.Equal(["agent_event", "progress", "task_complete"], whole.Select(m => m.Type).Distinct().Order()); // scripted: no preview
        var complete = whole[^1];
        Assert.Equal(("task_complete", "completed", taskId.ToString()), (complete.Type, (string?)complete.Data["status"], (string?)complete.Data["task_id"]));
        Assert.Equal(PipelineDatabase.PipelineEvents, whole.AgentEvents().Select(e => (string)e["event_type"]!));
        var phases = whole.Where(m => m.Type == "progress").Select(m => ((string)m.Data["phase"]!, (double)m.Data["progress"]!)).ToList();
        Assert.Equal(["planning", "architecting", "coding", "testing", "reviewing", "deploying", "completed"], phases.Select(p => p.Item1));
        Assert.Equal(phases.Select(p => p.Item2).Order(), phases.Select(p => p.Item2));
        Assert.Equal(1.0, phases[^1].Item2);

        // Resuming after the last message of a finished task gives nothing and ends at once.
        Assert.Empty(await ServerSentEvents.ReadUntilAsync(client, url, last: null, Patience, lastEventId: complete.Id));
    }

    [Fact]
    public async Task The_websocket_carries_the_same_messages_and_progress_gives_the_time_in_each_phase()
    {
        await using var embedded = await StartEmbeddedAsync();
        var api = embedded.Api;
        var client = api.CreateClient();
        var taskId = await api.SubmitAsync("a todo app");

        var socket = await api.Server.CreateWebSocketClient().ConnectAsync(new Uri(api.Server.BaseAddress, $"ws/{taskId}"), Ct);
        var received = new List<JsonObject>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Patience);
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            } while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) break;
            received.Add(JsonNode.Parse(text.ToString())!.AsObject());
        }
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        var sse = await ServerSentEvents.ReadUntilAsync(client, $"/api/events/{taskId}/stream", last: null, Patience);
        Assert.Equal(sse.Select(m => (m.Id, m.Type)), received.Select(m => ((string?)m["id"], (string)m["type"]!)));

        var progress = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}/progress", Ct))!;
        Assert.Equal(("completed", "completed", 1.0), ((string?)progress["status"], (string?)progress["phase"], (double)progress["progress"]!));
        var phases = progress["phases"]!.AsArray().Select(p => (Phase: (string)p!["phase"]!, Seconds: (double)p["seconds"]!, Visits: (int)p["visits"]!)).ToList();
        Assert.Equal(["planning", "architecting", "coding", "testing", "reviewing", "deploying"], phases.Select(p => p.Phase));
        // Each scripted step takes its hop delay, and the phases add up to the whole run.
        Assert.All(phases, p => Assert.True(p.Seconds >= 0.25 && p.Visits == 1, $"{p}"));
        Assert.Equal((double)progress["elapsed_seconds"]!, phases.Sum(p => p.Seconds), precision: 0);
    }

    [Fact]
    public async Task Bad_positions_unknown_tasks_and_plain_requests_to_the_socket_get_problems()
    {
        await using var embedded = await StartEmbeddedAsync();
        var api = embedded.Api;
        var client = api.CreateClient();
        var taskId = await api.SubmitAsync("a todo app");
        var unknown = Guid.NewGuid();

        foreach (var (url, status) in new[]
        {
            ($"/api/events/{taskId}/stream?last_event_id=abc", HttpStatusCode.BadRequest),
            ($"/api/events/{taskId}/stream?last_event_id=-1.0", HttpStatusCode.BadRequest),
            ($"/api/events/{unknown}/stream", HttpStatusCode.NotFound),
            ($"/api/tasks/{unknown}/progress", HttpStatusCode.NotFound),
            ($"/ws/{taskId}", HttpStatusCode.UpgradeRequired),
        })
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]), url);
        }
        var header = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{taskId}/stream");
        header.Headers.Add("Last-Event-ID", "1.2.3");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(header, Ct)).StatusCode);
    }

    [Fact]
    public async Task In_distributed_mode_a_client_follows_a_task_from_another_Api_instance_and_resumes_across_a_restart()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:HopDelay"] = "00:00:00.300",
        });
        var taskId = await pipeline.Api.SubmitAsync("a todo app");
        var url = $"/api/events/{taskId}/stream";

        List<SseMessage> first;
        await using (var other = pipeline.CreateApi())
        {
            first = await ServerSentEvents.ReadUntilAsync(other.CreateClient(), url, m => m.Type == "progress" && (string?)m.Data["phase"] == "coding", Patience);
            var status = (string?)JsonNode.Parse(await other.CreateClient().GetStringAsync($"/api/tasks/{taskId}", Ct))!["status"];
            Assert.NotEqual("completed", status);
        }
        // That instance is gone; a new one picks the stream up where the client left it.
        await using var restarted = pipeline.CreateApi();
        var rest = await ServerSentEvents.ReadUntilAsync(restarted.CreateClient(), url, IsEnd, Patience, lastEventId: first[^1].Id);
        var whole = await ServerSentEvents.ReadUntilAsync(pipeline.Api.CreateClient(), url, last: null, Patience);

        Assert.Equal(whole.Select(Key), first.Concat(rest).Select(Key));
        Assert.Equal("completed", (string?)whole[^1].Data["status"]);
    }
}
