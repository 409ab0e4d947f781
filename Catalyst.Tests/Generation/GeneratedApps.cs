using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.Tests.Generation;

/// <summary>
/// Runs the real Planner, Architect, Coder, Tester and Reviewer (embedded mode) once for a set of prompts and
/// keeps what they produced: the task, its events, the repository and the artifacts. Shared by the tests of
/// one run because building and testing the apps is the slow part.
/// </summary>
public sealed class GeneratedApps
{
    public static readonly string[] Prompts =
    [
        "a todo app with user registration and login",
        "an expense tracker with amount, category and date, showing the total per category",
        "a recipe book where recipes have a title, ingredients and steps",
        "a library system with books, members and loans",
        "hello world",
        "a bookmarks API in Node with tags and search",
        "xq zzkv blorp", // gibberish still gives a working (generic) app
        "a blog with posts and comments, with login", // accounts and linked records together
    ];

    /// <summary>Requests whose spec is written in code rather than parsed, by the prompt they are submitted with.</summary>
    public static readonly IReadOnlyDictionary<string, Func<AppSpec>> TypedRequests = new Dictionary<string, Func<AppSpec>>
    {
        ["a movie watchlist with every typed field, in .NET"] = () => TypedSpecs.MovieWatchlist(AppStack.Dotnet),
        ["a movie watchlist with every typed field, in Node"] = () => TypedSpecs.MovieWatchlist(AppStack.Node),
    };

    static readonly SemaphoreSlim Gate = new(1, 1);
    static GeneratedApps? instance;
    static GeneratedApps? archetypes;
    static GeneratedApps? typed;
    static GeneratedApps? requested;

    readonly Dictionary<string, Generated> byPrompt = [];
    public TimeSpan Elapsed { get; private set; }

    public sealed record Generated(Guid TaskId, string Repository, string Branch, string Commit, JsonObject Payload, List<JsonObject> Events, string Artifacts, string Status)
    {
        public JsonObject? Last(string eventType) => Events.LastOrDefault(e => (string?)e["event_type"] == eventType)?["payload"]?.AsObject();
    }

    public Generated For(string prompt) => byPrompt[prompt];

    public static async Task<GeneratedApps> GetAsync(PostgresServerFixture postgres)
    {
        await Gate.WaitAsync();
        try
        {
            return instance ??= await GenerateAsync(postgres, Prompts, _ => null, configureServices: null, TimeSpan.FromMinutes(10));
        }
        finally { Gate.Release(); }
    }

    /// <summary>The apps of <see cref="ArchetypeSpecs"/>: their prompts are understood as the specs given there.</summary>
    public static async Task<GeneratedApps> GetArchetypesAsync(PostgresServerFixture postgres)
    {
        await Gate.WaitAsync();
        try
        {
            var specs = ArchetypeSpecs.All.ToDictionary(s => s.Prompt);
            return archetypes ??= await GenerateAsync(postgres, [.. specs.Keys], prompt => specs[prompt].Name,
                services => services.AddSingleton<IRequestUnderstanding>(new KnownSpecs(specs)), TimeSpan.FromMinutes(20));
        }
        finally { Gate.Release(); }
    }

    /// <summary>The apps of <see cref="TypedSpecs"/>, one per stack.</summary>
    public static async Task<GeneratedApps> GetTypedAsync(PostgresServerFixture postgres)
    {
        await Gate.WaitAsync();
        try
        {
            var specs = TypedRequests.ToDictionary(r => r.Key, r => r.Value());
            return typed ??= await GenerateAsync(postgres, [.. specs.Keys], _ => null,
                services => services.AddSingleton<IRequestUnderstanding>(new KnownSpecs(specs)), TimeSpan.FromMinutes(10));
        }
        finally { Gate.Release(); }
    }

    /// <summary>The requests of <see cref="RequestedAppTests"/>, read by the request parser.</summary>
    public static async Task<GeneratedApps> GetRequestedAsync(PostgresServerFixture postgres)
    {
        await Gate.WaitAsync();
        try
        {
            return requested ??= await GenerateAsync(postgres, RequestedAppTests.Prompts, _ => null, configureServices: null, TimeSpan.FromMinutes(15));
        }
        finally { Gate.Release(); }
    }

    static async Task<GeneratedApps> GenerateAsync(PostgresServerFixture postgres, IReadOnlyList<string> prompts, Func<string, string?> projectName, Action<IServiceCollection>? configureServices, TimeSpan timeout)
    {
        var apps = new GeneratedApps();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        // Not disposed: the repositories live in its data root until the test process ends.
        // Up to the Reviewer: the Deployer is not part of these tests.
        var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder,tester,reviewer",
        }, PipelineAgents.Real, configureServices);
        var clock = Stopwatch.StartNew();
        var ids = new Dictionary<string, Guid>();
        foreach (var prompt in prompts) ids[prompt] = await api.SubmitAsync(prompt, projectName(prompt));

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var cmd = dataSource.CreateCommand("SELECT count(DISTINCT task_id) FROM agent_events WHERE event_type = 'review.decision' AND task_id = ANY($1)");
            cmd.Parameters.Add(new() { Value = ids.Values.ToArray() });
            if ((long)(await cmd.ExecuteScalarAsync())! == ids.Count) break;
            await using var failed = dataSource.CreateCommand("SELECT string_agg(failure_reason, ' | ') FROM tasks WHERE status = 'failed' AND id = ANY($1)");
            failed.Parameters.Add(new() { Value = ids.Values.ToArray() });
            if (await failed.ExecuteScalarAsync() is string reason) throw new InvalidOperationException($"Generation failed: {reason}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The pipeline did not reach a review for every prompt within {timeout.TotalMinutes} minutes.");
            await Task.Delay(100);
        }
        apps.Elapsed = clock.Elapsed;

        var client = api.CreateClient();
        foreach (var (prompt, id) in ids)
        {
            var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{id}"))!.AsArray().Select(e => e!.AsObject()).ToList();
            var opened = events.First(e => (string?)e["event_type"] == "code.pr.opened");
            var payload = opened["payload"]!.AsObject();
            apps.byPrompt[prompt] = new Generated(id, (string)payload["local_repo"]!, (string)payload["branch"]!, (string)payload["commit"]!, payload, events,
                Path.Combine(api.DataRoot, "artifacts", id.ToString()), (string)JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{id}"))!["status"]!);
        }
        return apps;
    }
}
