using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>
/// Countdown timers and stopwatches. Only timestamps are stored; the elapsed and remaining time are computed from
/// them and an injected <see cref="TimeProvider"/>, so a timer keeps its time across reloads and restarts.
/// </summary>
static class DotnetTimerApp
{
    public static IReadOnlyList<GeneratedFile> Source(AppSpec spec)
    {
        var dir = AppLayout.ProjectDirectory(spec);
        var id = spec.Identifier;
        return
        [
            new($"{dir}/Models/TimerRecord.cs", $$"""
                using {{id}}.Data;

                namespace {{id}}.Models;

                /// <summary>
                /// A countdown (with a duration) or a stopwatch (without). Only the start and pause times are stored; the
                /// elapsed and remaining time are computed from them, so a running timer keeps running across a reload.
                /// </summary>
                public sealed record TimerRecord : IRecord
                {
                    public const string Countdown = "countdown";
                    public const string Stopwatch = "stopwatch";
                    public static readonly string[] Actions = ["start", "pause", "resume", "reset"];

                    public Guid Id { get; init; }
                    public string Label { get; init; } = "";
                    public string Mode { get; init; } = Countdown;
                    public int? DurationSeconds { get; init; }

                    /// <summary>When it was started; null while idle.</summary>
                    public DateTimeOffset? StartedAt { get; init; }

                    /// <summary>When it was paused; null unless paused.</summary>
                    public DateTimeOffset? PausedAt { get; init; }

                    /// <summary>Time spent paused before the current pause.</summary>
                    public long PausedMs { get; init; }

                    public DateTimeOffset CreatedAt { get; init; }

                    long? LimitMs => DurationSeconds * 1000L;

                    public long ElapsedMs(DateTimeOffset now)
                    {
                        if (StartedAt is not { } started) return 0;
                        var elapsed = (long)((PausedAt ?? now) - started).TotalMilliseconds - PausedMs;
                        return Math.Clamp(elapsed, 0, LimitMs ?? long.MaxValue);
                    }

                    /// <summary>Null for a stopwatch.</summary>
                    public long? RemainingMs(DateTimeOffset now) => LimitMs - ElapsedMs(now);

                    public string State(DateTimeOffset now) =>
                        StartedAt is null ? "idle" : RemainingMs(now) <= 0 ? "finished" : PausedAt is null ? "running" : "paused";

                    /// <summary>The timer after start, pause, resume or reset; null when the action does not fit its state.</summary>
                    public TimerRecord? Apply(string action, DateTimeOffset now) => (action, State(now)) switch
                    {
                        ("start", "idle") => this with { StartedAt = now, PausedAt = null, PausedMs = 0 },
                        ("pause", "running") => this with { PausedAt = now },
                        ("resume", "paused") => this with { PausedAt = null, PausedMs = PausedMs + (long)(now - PausedAt!.Value).TotalMilliseconds },
                        ("reset", _) => this with { StartedAt = null, PausedAt = null, PausedMs = 0 },
                        _ => null,
                    };

                    public object View(DateTimeOffset now) => new
                    {
                        id = Id, label = Label, mode = Mode, durationSeconds = DurationSeconds, state = State(now),
                        elapsedMs = ElapsedMs(now), remainingMs = RemainingMs(now), createdAt = CreatedAt,
                    };
                }

                """),
            new($"{dir}/Endpoints/TimerEndpoints.cs", $$"""
                using {{id}}.Data;
                using {{id}}.Models;

                namespace {{id}}.Endpoints;

                public sealed record NewTimer(string? Label, string? Mode, int? DurationSeconds);

                /// <summary>{{spec.Description}}</summary>
                public static class TimerEndpoints
                {
                    const int MaxSeconds = 86400;

                    public static IEndpointRouteBuilder MapTimerEndpoints(this IEndpointRouteBuilder app)
                    {
                        var timers = app.MapGroup("/api/timers");
                        timers.MapGet("/", (JsonStore<TimerRecord> store, TimeProvider clock) =>
                            Results.Ok(store.All().OrderBy(t => t.CreatedAt).Select(t => t.View(clock.GetUtcNow())).ToList()));
                        timers.MapPost("/", Create);
                        timers.MapGet("/{id:guid}", (Guid id, JsonStore<TimerRecord> store, TimeProvider clock) =>
                            store.Find(id) is { } timer ? Results.Ok(timer.View(clock.GetUtcNow())) : NotFound(id));
                        timers.MapDelete("/{id:guid}", (Guid id, JsonStore<TimerRecord> store) => store.Remove(id) ? Results.NoContent() : NotFound(id));
                        timers.MapPost("/{id:guid}/{action}", Apply);
                        return app;
                    }

                    static IResult Create(NewTimer input, JsonStore<TimerRecord> store, TimeProvider clock)
                    {
                        var label = input.Label?.Trim() ?? "";
                        var mode = string.IsNullOrWhiteSpace(input.Mode) ? TimerRecord.Countdown : input.Mode.Trim().ToLowerInvariant();
                        if (Validate(label, mode, input.DurationSeconds) is { Count: > 0 } errors) return Results.ValidationProblem(errors);

                        var now = clock.GetUtcNow();
                        var timer = new TimerRecord
                        {
                            Id = Guid.NewGuid(), Label = label, Mode = mode, CreatedAt = now,
                            DurationSeconds = mode == TimerRecord.Countdown ? input.DurationSeconds : null,
                        };
                        store.Add(timer);
                        return Results.Created($"/api/timers/{timer.Id}", timer.View(now));
                    }

                    static Dictionary<string, string[]> Validate(string label, string mode, int? durationSeconds)
                    {
                        var errors = new Dictionary<string, string[]>();
                        if (label.Length is 0 or > 100) errors["label"] = ["label is required and at most 100 characters."];
                        if (mode is not (TimerRecord.Countdown or TimerRecord.Stopwatch)) errors["mode"] = ["mode must be countdown or stopwatch."];
                        else if (mode == TimerRecord.Countdown && durationSeconds is not (>= 1 and <= MaxSeconds))
                            errors["durationSeconds"] = [$"durationSeconds must be a whole number of seconds from 1 to {MaxSeconds}."];
                        return errors;
                    }

                    /// <summary>POST /api/timers/{id}/start, pause, resume or reset: 409 when the action does not fit the timer's state.</summary>
                    static IResult Apply(Guid id, string action, JsonStore<TimerRecord> store, TimeProvider clock)
                    {
                        if (!TimerRecord.Actions.Contains(action))
                            return Results.ValidationProblem(new Dictionary<string, string[]> { ["action"] = ["action must be start, pause, resume or reset."] });
                        if (store.Find(id) is not { } timer) return NotFound(id);
                        var now = clock.GetUtcNow();
                        if (timer.Apply(action, now) is not { } changed)
                            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"A {timer.State(now)} timer cannot {action}.");
                        store.Replace(changed);
                        return Results.Ok(changed.View(now));
                    }

                    static IResult NotFound(Guid id) =>
                        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no timer {id}.");
                }

                """),
        ];
    }

    public static GeneratedFile Tests(AppSpec spec) => new($"{AppLayout.TestDirectory(spec)}/TimerTests.cs", $$"""
        using System.Net;
        using System.Net.Http.Json;
        using {{spec.Identifier}}.Models;

        namespace {{spec.Identifier}}.Tests;

        public sealed class TimerTests
        {
            static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

            static TimerRecord Countdown(int seconds = 60) => new() { Id = Guid.NewGuid(), Label = "Tea", DurationSeconds = seconds, CreatedAt = Noon };

            [Fact]
            public void A_running_countdown_counts_down_and_a_pause_stops_the_clock()
            {
                var running = Countdown().Apply("start", Noon)!;
                Assert.Equal(("running", 50_000L), (running.State(Noon.AddSeconds(10)), running.RemainingMs(Noon.AddSeconds(10))));

                var paused = running.Apply("pause", Noon.AddSeconds(10))!;
                Assert.Equal(("paused", 50_000L), (paused.State(Noon.AddMinutes(5)), paused.RemainingMs(Noon.AddMinutes(5))));

                var resumed = paused.Apply("resume", Noon.AddMinutes(5))!;
                Assert.Equal(("running", 45_000L, 15_000L), (resumed.State(Noon.AddMinutes(5).AddSeconds(5)), resumed.RemainingMs(Noon.AddMinutes(5).AddSeconds(5)), resumed.ElapsedMs(Noon.AddMinutes(5).AddSeconds(5))));
            }

            [Fact]
            public void A_countdown_that_runs_out_is_finished_with_nothing_left()
            {
                var timer = Countdown(60).Apply("start", Noon)!;
                var later = Noon.AddMinutes(3);
                Assert.Equal(("finished", 0L, 60_000L), (timer.State(later), timer.RemainingMs(later), timer.ElapsedMs(later)));
                Assert.Null(timer.Apply("pause", later));
            }

            [Fact]
            public void A_stopwatch_counts_up_without_an_end()
            {
                var stopwatch = new TimerRecord { Id = Guid.NewGuid(), Label = "Run", Mode = TimerRecord.Stopwatch, CreatedAt = Noon }.Apply("start", Noon)!;
                var later = Noon.AddHours(2);
                Assert.Equal(("running", 7_200_000L), (stopwatch.State(later), stopwatch.ElapsedMs(later)));
                Assert.Null(stopwatch.RemainingMs(later));
            }

            [Theory]
            [InlineData("pause", "idle")]
            [InlineData("resume", "idle")]
            [InlineData("start", "running")]
            [InlineData("resume", "running")]
            [InlineData("start", "paused")]
            [InlineData("pause", "paused")]
            public void Actions_that_do_not_fit_the_state_are_refused(string action, string state)
            {
                var timer = Countdown();
                if (state != "idle") timer = timer.Apply("start", Noon)!;
                if (state == "paused") timer = timer.Apply("pause", Noon.AddSeconds(5))!;
                Assert.Equal(state, timer.State(Noon.AddSeconds(10)));
                Assert.Null(timer.Apply(action, Noon.AddSeconds(10)));
                Assert.Equal(("idle", 60_000L), (timer.Apply("reset", Noon.AddSeconds(10))!.State(Noon.AddSeconds(20)), timer.Apply("reset", Noon.AddSeconds(10))!.RemainingMs(Noon.AddSeconds(20))));
            }

            [Fact]
            public async Task A_timer_is_started_paused_resumed_and_reset_through_the_api()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var created = await client.PostAsJsonAsync("/api/timers", new { label = "Tea", durationSeconds = 180 });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var timer = $"/api/timers/{(string)(await created.ReadJsonAsync())["id"]!}";

                Assert.Equal("running", (string)(await (await client.PostAsync($"{timer}/start", null)).ReadJsonAsync())["state"]!);
                app.Clock.Advance(TimeSpan.FromSeconds(30));
                Assert.Equal(150_000, (long)(await (await client.GetAsync(timer)).ReadJsonAsync())["remainingMs"]!);
                Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"{timer}/start", null)).StatusCode);

                await client.PostAsync($"{timer}/pause", null);
                app.Clock.Advance(TimeSpan.FromMinutes(10));
                var resumed = await (await client.PostAsync($"{timer}/resume", null)).ReadJsonAsync();
                Assert.Equal(("running", 150_000L), ((string)resumed["state"]!, (long)resumed["remainingMs"]!));

                var reset = await (await client.PostAsync($"{timer}/reset", null)).ReadJsonAsync();
                Assert.Equal(("idle", 180_000L), ((string)reset["state"]!, (long)reset["remainingMs"]!));
                Assert.Single(await (await client.GetAsync("/api/timers")).ReadArrayAsync());
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(timer)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{timer}/start", null)).StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{timer}/explode", null)).StatusCode);
            }

            [Fact]
            public async Task A_running_timer_keeps_its_time_across_a_restart()
            {
                var data = Directory.CreateTempSubdirectory("timers-").FullName;
                try
                {
                    var clock = new ManualClock(Noon);
                    string timer;
                    await using (var first = new TestApp(data, clock))
                    {
                        var client = first.CreateClient();
                        var created = await client.PostAsJsonAsync("/api/timers", new { label = "Run", mode = "stopwatch" });
                        timer = $"/api/timers/{(string)(await created.ReadJsonAsync())["id"]!}";
                        await client.PostAsync($"{timer}/start", null);
                    }
                    clock.Advance(TimeSpan.FromSeconds(90));
                    await using var second = new TestApp(data, clock);
                    var read = await (await second.CreateClient().GetAsync(timer)).ReadJsonAsync();
                    Assert.Equal(("running", 90_000L), ((string)read["state"]!, (long)read["elapsedMs"]!));
                }
                finally { Directory.Delete(data, recursive: true); }
            }

            [Theory]
            [InlineData("", "countdown", 60, "label")]
            [InlineData("Tea", "countdown", 0, "durationSeconds")]
            [InlineData("Tea", "countdown", 86401, "durationSeconds")]
            [InlineData("Tea", "egg", 60, "mode")]
            public async Task Bad_timers_are_refused(string label, string mode, int durationSeconds, string field)
            {
                await using var app = new TestApp();
                var response = await app.CreateClient().PostAsJsonAsync("/api/timers", new { label, mode, durationSeconds });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
            }
        }

        /// <summary>A clock the tests move by hand.</summary>
        public sealed class ManualClock(DateTimeOffset start) : TimeProvider
        {
            DateTimeOffset now = start;

            public override DateTimeOffset GetUtcNow() => now;

            public void Advance(TimeSpan by) => now += by;
        }

        """);
}
