using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Catalyst.Core.Projects;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Tests.Persistence;

public sealed class TaskRepositoryTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    static TaskRepository Repository(CatalystDbContext db) => new(db, new ProjectRepository(db, TimeProvider.System), TimeProvider.System);

    [Fact]
    public async Task A_created_task_reads_back_with_its_initiated_event_and_outbox_entry()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        TaskCreated created;
        await using (var db = TestDb.Context(connectionString))
            created = await Repository(db).CreateAsync("build a todo app with login", "Todo App", Ct);

        await using var read = TestDb.Context(connectionString);
        var task = await Repository(read).GetAsync(created.TaskId, Ct);
        Assert.NotNull(task);
        Assert.Equal("build a todo app with login", task.Prompt);
        Assert.Equal("queued", task.Status);
        Assert.Equal("Todo App", task.ProjectName);
        Assert.Equal(created.TraceId, task.TraceId);

        var events = await new EventQueries(read).ForTaskAsync(created.TaskId, Ct);
        var initiated = Assert.Single(events);
        Assert.Equal(EventTypes.TaskInitiated, initiated.EventType);
        Assert.Equal(created.TraceId, initiated.TraceId);
        Assert.Equal("todo-app", initiated.Repo);

        var outbox = Assert.Single(await read.Outbox.ToListAsync(Ct));
        Assert.Equal(initiated.EventId, outbox.EventId);
        Assert.Equal("catalyst.task.initiated", outbox.RoutingKey);
        Assert.Null(outbox.PublishedAt);
    }

    [Fact]
    public async Task A_second_task_that_names_the_project_reuses_it()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var db = TestDb.Context(connectionString);
        var first = await Repository(db).CreateAsync("one", "Shop", Ct);
        var second = await Repository(db).CreateAsync("two", "shop", Ct);
        Assert.Equal(first.ProjectId, second.ProjectId);
        Assert.Equal(1, await db.Projects.CountAsync(Ct));
    }

    [Fact]
    public async Task A_task_that_does_not_name_a_project_never_joins_one_with_the_same_suggested_name()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var db = TestDb.Context(connectionString);
        var suggested = new ProjectChoice(null, null, "customer-app");
        var first = await Repository(db).CreateAsync("a helpdesk", suggested, approvePlan: false, Ct);
        var second = await Repository(db).CreateAsync("a crm", suggested, approvePlan: false, Ct);
        var third = await Repository(db).CreateAsync("a crm", new ProjectChoice(null, "Customer App", ""), approvePlan: false, Ct);
        Assert.Equal(["customer-app", "customer-app-2", "Customer App 3"], [first.ProjectName, second.ProjectName, third.ProjectName]);
        Assert.Equal(3, await db.Projects.Select(p => p.Slug).Distinct().CountAsync(Ct));
    }

    [Fact]
    public async Task Tasks_are_listed_newest_first_in_pages()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var db = TestDb.Context(connectionString);
        var repository = Repository(db);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await repository.CreateAsync($"app {i}", "paging", Ct)).TaskId);

        var first = await repository.ListAsync(1, 2, Ct);
        var last = await repository.ListAsync(3, 2, Ct);

        Assert.Equal(5, first.Total);
        Assert.Equal([ids[4], ids[3]], first.Items.Select(t => t.Id));
        Assert.Equal([ids[0]], last.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Legal_transitions_are_saved_and_illegal_ones_rejected_without_a_trace()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        Guid id;
        await using (var db = TestDb.Context(connectionString))
        {
            id = (await Repository(db).CreateAsync("a counter", "counter", Ct)).TaskId;
            await Repository(db).TransitionAsync(id, TaskState.Planning, null, Ct);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = TestDb.Context(connectionString))
        {
            await Assert.ThrowsAsync<InvalidTaskTransitionException>(() => Repository(db).TransitionAsync(id, TaskState.Deploying, null, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = TestDb.Context(connectionString);
        var task = await Repository(read).GetAsync(id, Ct);
        Assert.Equal("planning", task!.Status);
        Assert.Equal("planning", task.CurrentPhase);
    }

    [Fact]
    public async Task A_failed_task_keeps_its_reason_and_finish_time()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var db = TestDb.Context(connectionString);
        var id = (await Repository(db).CreateAsync("a counter", "counter", Ct)).TaskId;
        await Repository(db).TransitionAsync(id, TaskState.Planning, null, Ct);
        await Repository(db).TransitionAsync(id, TaskState.Failed, "planner crashed", Ct);
        await db.SaveChangesAsync(Ct);

        await using var read = TestDb.Context(connectionString);
        var task = await Repository(read).GetAsync(id, Ct);
        Assert.Equal("failed", task!.Status);
        Assert.Equal("planner crashed", task.FailureReason);
        Assert.Equal("planning", task.CurrentPhase);
        Assert.NotNull(task.CompletedAt);
    }

    [Fact]
    public async Task Two_writers_cannot_both_move_the_same_task()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        Guid id;
        await using (var db = TestDb.Context(connectionString))
            id = (await Repository(db).CreateAsync("race", "race", Ct)).TaskId;

        await using var first = TestDb.Context(connectionString);
        await using var second = TestDb.Context(connectionString);
        await Repository(first).TransitionAsync(id, TaskState.Planning, null, Ct);
        await Repository(second).TransitionAsync(id, TaskState.Cancelled, null, Ct);
        await first.SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }
}
