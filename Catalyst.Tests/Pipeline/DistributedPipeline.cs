using System.Text;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// Distributed mode for real: a migrated database, a private RabbitMQ virtual host, the Api in-process and
/// scripted agent workers as separate processes.
/// </summary>
public sealed class DistributedPipeline : IAsyncDisposable
{
    readonly List<HostProcess> workers = [];
    readonly TestDirectory workDirectory = new("pipe");
    Dictionary<string, string?> settings = [];

    public required PipelineApi Api { get; init; }
    public required PipelineDatabase Database { get; init; }
    public required RabbitMqServer Broker { get; init; }
    public required Uri AmqpUri { get; init; }
    public string MarkerDirectory => Directory.CreateDirectory(Path.Combine(workDirectory.Path, "markers")).FullName;
    public string WorkDirectory => workDirectory.Path;
    public IReadOnlyList<HostProcess> Workers => workers;

    public static async Task<DistributedPipeline> StartAsync(
        PostgresServerFixture postgres, RabbitMqServerFixture rabbit, int workerCount, IReadOnlyDictionary<string, string?>? script = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var broker = await rabbit.GetAsync();
        var amqp = await broker.CreateVirtualHostAsync(ct);
        var database = new PipelineDatabase(connectionString);
        await database.CreateEffectsTableAsync();

        var settings = new Dictionary<string, string?>
        {
            ["Catalyst:Mode"] = "Distributed",
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["ConnectionStrings:messaging"] = amqp.ToString(),
            ["Catalyst:Messaging:RetryBaseDelay"] = "00:00:00.200",
            ["Catalyst:Messaging:OutboxPollInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in script ?? new Dictionary<string, string?>()) settings[key] = value;

        var pipeline = new DistributedPipeline
        {
            Api = new PipelineApi(settings, PipelineAgents.None),
            Database = database,
            Broker = broker,
            AmqpUri = amqp,
        };
        pipeline.settings = settings;
        pipeline.settings["PipelineTest:MarkerDirectory"] = pipeline.MarkerDirectory;
        pipeline.Api.CreateClient().Dispose(); // starts the Api now
        for (var i = 0; i < workerCount; i++) await pipeline.StartWorkerAsync();
        return pipeline;
    }

    /// <summary>Another Api instance on the same database and broker (the caller disposes it).</summary>
    public PipelineApi CreateApi() => new(settings, PipelineAgents.None);

    public async Task<HostProcess> StartWorkerAsync(bool realAgents = false)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        // Workers of one installation share the Api's data root (repositories, artifacts) when the test says so.
        environment.TryAdd("Catalyst__DataRoot", Path.Combine(workDirectory.Path, $"worker-{workers.Count}"));
        var worker = realAgents ? HostProcess.AgentsWorker(url, environment) : HostProcess.Worker(url, environment);
        workers.Add(worker);
        await worker.WaitUntilHealthyAsync(new Uri(url), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return worker;
    }

    /// <summary>Waits until some worker announced (marker file) that it started this agent's step.</summary>
    public async Task<(Guid TaskId, int ProcessId)> WaitForStepStartAsync(string agent, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var marker = Directory.GetFiles(MarkerDirectory, $"{agent}-*.started").FirstOrDefault();
            if (marker is not null)
            {
                var parts = Path.GetFileNameWithoutExtension(marker).Split('-');
                return (Guid.Parse(string.Join('-', parts[1..^1])), int.Parse(parts[^1]));
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {agent} step started within {timeout.TotalSeconds} s.\n{Diagnostics()}");
    }

    /// <summary>Waits for the one slow step of the run (see ScriptOptions.SlowAgent) and tells who runs it.</summary>
    public async Task<(Guid TaskId, int ProcessId)> WaitForSlowStepAsync(string agent, TimeSpan timeout)
    {
        var claim = Path.Combine(MarkerDirectory, $"{agent}.slow");
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(claim))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No slow {agent} step started within {timeout.TotalSeconds} s.\n{Diagnostics()}");
            await Task.Delay(50);
        }
        var parts = (await File.ReadAllTextAsync(claim)).Split(' ');
        return (Guid.Parse(parts[0]), int.Parse(parts[1]));
    }

    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var (worker, i) in workers.Select((w, i) => (w, i)))
            text.AppendLine($"--- worker {i} (pid {(worker.HasExited ? "exited" : worker.ProcessId.ToString())}) ---").AppendLine(Tail(worker.Output));
        return text.ToString();
    }

    static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers) await worker.DisposeAsync();
        await Api.DisposeAsync();
        await Database.DisposeAsync();
        workDirectory.Dispose();
    }
}
