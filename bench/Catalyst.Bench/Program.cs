using Catalyst.Bench;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Usage: dotnet run -c Release --project bench/Catalyst.Bench -- [sequential tasks] [burst tasks] [burst concurrency]
//        dotnet run -c Release --project bench/Catalyst.Bench -- generation [runs]
//        dotnet run -c Release --project bench/Catalyst.Bench -- tester
//        dotnet run -c Release --project bench/Catalyst.Bench -- understanding [--mismatches development-file.json]
//        dotnet run -c Release --project bench/Catalyst.Bench -- understand [file of requests, one a line]
//        dotnet run -c Release --project bench/Catalyst.Bench -- deploy [runs]
//        dotnet run -c Release --project bench/Catalyst.Bench -- apphost [runs] [screenshot.png]
if (args.FirstOrDefault() == "apphost")
{
    Console.WriteLine($"The AppHost in Local mode with its dashboard: start to every resource healthy — {Environment.ProcessorCount} cores");
    await AppHostBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? args[2] : "dashboard-trace.png", Console.Out);
    return;
}
if (args.FirstOrDefault() == "deploy")
{
    await DeployReport.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3, Console.Out);
    return;
}
if (args.FirstOrDefault() == "understand")
{
    // one line per request of a file (or standard input): what the front end made of it, to read by eye
    var parser = new Catalyst.Agents.Understanding.RequestParser();
    var lines = args.Length > 1 ? File.ReadAllLines(args[1]) : Console.In.ReadToEnd().Split('\n');
    foreach (var line in lines.Where(l => l.Trim().Length > 0)) Console.WriteLine(UnderstandingBenchmark.Describe(parser.Parse(line)));
    return;
}
if (args.FirstOrDefault() == "understanding" && args.Length > 2 && args[1] == "--mismatches")
{
    // what a development half gets wrong, to work on; a held-out half's mismatches are never printed
    if (args[2].Contains("held-out", StringComparison.Ordinal)) { Console.Error.WriteLine("A held-out half is never tuned on: its mismatches are not printed."); return; }
    Console.WriteLine(Catalyst.Tests.Understanding.CorpusScore.Run(Catalyst.Tests.Understanding.Corpus.Load(args[2])).Mismatches());
    return;
}
if (args.FirstOrDefault() == "understanding")
{
    Console.WriteLine($"Request understanding on the labelled corpus (exact match per request) — {Environment.ProcessorCount} cores");
    UnderstandingBenchmark.Run(Console.Out);
    return;
}
if (args.FirstOrDefault() == "tester")
{
    const string prompt = "a todo app with user registration and login";
    Console.WriteLine($"The whole Tester step for \"{prompt}\" (clone, restore, build, test, browser check) — {Environment.ProcessorCount} cores");
    foreach (var row in await TesterBenchmark.RunAsync(prompt))
        Console.WriteLine($"  {row.Cache,-5} {row.Step,-8} {row.Seconds,6:0.0} s{(row.Succeeded ? "" : "  FAILED")}{(row.Step == "total" ? "   (targets: 45 s cold, 20 s warm)" : "")}");
    return;
}
if (args.FirstOrDefault() == "generation")
{
    var runs = args.Length > 1 ? int.Parse(args[1]) : 10;
    Console.WriteLine($"Planner + Architect + Coder work (understanding, documents, generated files, git commits) — {Environment.ProcessorCount} cores, {runs} runs");
    foreach (var prompt in new[] { "a todo app with user registration and login", "a library system with books, members and loans", "a bookmarks API in Node with tags and search" })
    {
        await GenerationBenchmark.RunAsync(prompt, 1); // warm-up: JIT
        var result = await GenerationBenchmark.RunAsync(prompt, runs);
        var total = result.Planner.Zip(result.Architect, (p, a) => p + a).Zip(result.Coder, (pa, c) => pa + c).ToList();
        Console.WriteLine($"\n\"{prompt}\" ({result.Files} files)");
        Console.WriteLine($"  planner    {Stats.Summary(result.Planner)}");
        Console.WriteLine($"  architect  {Stats.Summary(result.Architect)}");
        Console.WriteLine($"  coder      {Stats.Summary(result.Coder)}");
        Console.WriteLine($"  total      {Stats.Summary(total)}   (target: under 5,000 ms)");
    }
    return;
}

var sequentialTasks = args.Length > 0 ? int.Parse(args[0]) : 100;
var burstTasks = args.Length > 1 ? int.Parse(args[1]) : 600;
var concurrency = args.Length > 2 ? int.Parse(args[2]) : 50;

Console.WriteLine($"Catalyst pipeline benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
using var pgDirectory = new TestDirectory("bench-pg");
var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.InstallHint);
var postgres = new PostgresCluster(binaries, Path.Combine(pgDirectory.Path, "cluster"), new ProcessRunner(), NullLogger.Instance);
await postgres.StartAsync(CancellationToken.None);
await using var rabbit = new RabbitMqServer();
try
{
    await rabbit.StartAsync(CancellationToken.None);
    await postgres.EnsureDatabaseAsync("bench", CancellationToken.None);
    var connectionString = postgres.ConnectionString("bench");
    await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

    var raw = await RawRabbitMqBaseline.RunAsync(rabbit.AmqpUri, sequentialTasks * 6, burstTasks * 6);

    var bench = new PipelineBenchmark();
    Console.WriteLine($"Pipeline: warm-up, {sequentialTasks} tasks one at a time, {burstTasks} tasks {concurrency} in flight " +
        $"(each run fails after {PipelineBenchmark.DeadlineFor(burstTasks).TotalSeconds:0} s at most)");
    using var host = await bench.StartHostAsync(connectionString, rabbit.AmqpUri);
    await bench.RunAsync(host, 10, 1); // warm-up: JIT, connection pools, channels
    var sequential = await bench.RunAsync(host, sequentialTasks, 1);
    var burst = await bench.RunAsync(host, burstTasks, concurrency);
    await host.StopAsync();

    Console.WriteLine();
    Console.WriteLine("Baseline: raw RabbitMQ.Client (persistent, confirms, manual ack, prefetch 1; no database)");
    Console.WriteLine($"  publish->consume latency     {Stats.Summary(raw.SequentialLatencies)}");
    Console.WriteLine($"  throughput                   {raw.ThroughputPerSecond,8:0} msg/s");
    Console.WriteLine();
    Console.WriteLine("Catalyst: 6-hop pipeline of no-op agents (outbox + inbox on PostgreSQL, RabbitMQ, task state machine)");
    Console.WriteLine($"  per-hop latency, one task at a time ({sequential.Tasks} tasks)");
    Console.WriteLine($"                               {Stats.Summary(sequential.HopLatencies)}");
    Console.WriteLine($"  per-hop latency, {burst.Tasks} tasks, {concurrency} in flight");
    Console.WriteLine($"                               {Stats.Summary(burst.HopLatencies)}");
    Console.WriteLine($"  throughput                   {burst.HopsPerSecond,8:0} hops/s ({burst.Tasks * 6} hops in {burst.Elapsed.TotalSeconds:0.0} s)");
    Console.WriteLine($"  one task at a time           {sequential.HopsPerSecond,8:0} hops/s");
}
catch (BenchmarkStalledException stalled)
{
    Console.Error.WriteLine($"FAILED: the pipeline benchmark did not finish. {stalled.Message}");
    Environment.ExitCode = 1;
}
finally
{
    await postgres.StopAsync(CancellationToken.None);
}
