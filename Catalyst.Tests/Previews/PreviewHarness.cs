using Catalyst.Agents.Deployer;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.Tests.Previews;

/// <summary>
/// The real Api in-process, without pipeline agents, on its own database and port block, for tests of the
/// preview machinery: the manager, the monitor and the preview endpoints. Previews left running are deleted
/// when it ends.
/// </summary>
public sealed class PreviewHarness : IAsyncDisposable
{
    readonly string connectionString;

    PreviewHarness(PipelineApi api, string connectionString)
    {
        Api = api;
        this.connectionString = connectionString;
    }

    public PipelineApi Api { get; }
    public TestDirectory Work { get; } = new("prev");
    public PreviewManager Manager => Api.Services.GetRequiredService<PreviewManager>();
    public IPreviewRuntime Runtime => Api.Services.GetRequiredService<IPreviewRuntime>();

    /// <param name="beforeStart">Runs with the data root before the Api starts (to leave something for its start-up to find).</param>
    public static async Task<PreviewHarness> StartAsync(
        PostgresServerFixture postgres, IReadOnlyDictionary<string, string?>? settings = null, Func<string, Task>? beforeStart = null)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var all = new Dictionary<string, string?>(PreviewPorts.Settings())
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["Catalyst:Preview:StopOnShutdown"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var harness = new PreviewHarness(new PipelineApi(all, PipelineAgents.None), connectionString);
        if (beforeStart is not null) await beforeStart(harness.Api.DataRoot);
        _ = harness.Api.Services; // starts the host: migrations, the monitor's reconcile
        return harness;
    }

    /// <summary>A task to hang a preview on (its project names the clean URL).</summary>
    public async Task<Guid> NewTaskAsync(string project = "tiny")
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<TaskRepository>().CreateAsync("a preview test", project, CancellationToken.None);
        return created.TaskId;
    }

    public Task<PreviewApp> TinyAppAsync(string behaviour = TinyApp.Healthy) =>
        Task.FromResult(TinyApp.Write(Path.Combine(Work.Path, $"app-{Guid.NewGuid():N}"), behaviour));

    public Task<Catalyst.Core.Persistence.Entities.PreviewDeploymentEntity> DeployAsync(Guid taskId, PreviewApp app, string project = "tiny") =>
        Manager.DeployAsync(new PreviewRequest(taskId, project, "0123456789abcdef0123456789abcdef01234567", app), _ => { }, CancellationToken.None);

    /// <summary>The ports leased right now, straight from the table.</summary>
    public async Task<IReadOnlyList<int>> LeasedPortsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand("SELECT port FROM preview_port_leases ORDER BY port");
        await using var reader = await cmd.ExecuteReaderAsync();
        var ports = new List<int>();
        while (await reader.ReadAsync()) ports.Add(reader.GetInt32(0));
        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var preview in await Manager.ListAsync(activeOnly: true, CancellationToken.None))
            await Manager.DeleteAsync(preview.TaskId, CancellationToken.None);
        await Api.DisposeAsync();
        Work.Dispose();
    }
}
