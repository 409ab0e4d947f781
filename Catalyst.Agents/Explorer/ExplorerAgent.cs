using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Explorer;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Explorer;

/// <summary>
/// Runs one scan (explorer.requested, from explorer-queue) with the scanner of its kind, picked from the
/// scanners registered in DI, so new kinds plug in without touching the agent. A scan runs in a task of its
/// own: the runner moves it to exploring, the progress lines go to its log, the files to its artifacts under
/// explorer/{scan-id}/, and the explorer_scans row gets the result and scores. It emits explorer.findings; a
/// plain scan's task then completes, while "build something similar" leaves the task to the Planner.
/// </summary>
public sealed class ExplorerAgent(IEnumerable<IExplorerScanner> scanners, IOptions<CatalystOptions> catalyst, IOptions<ExplorerOptions> options, TimeProvider time) : IAgent
{
    public string Name => Actors.Explorer;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.ExplorerRequested];
    public TaskState? Phase => TaskState.Exploring;

    public async Task HandleAsync(AgentContext context, AgentEvent trigger, CancellationToken ct)
    {
        var scanId = Guid.Parse((string?)trigger.Payload["scan_id"] ?? throw new InvalidDataException("explorer.requested carries no scan_id."));
        var scan = await context.Db.ExplorerScans.FirstOrDefaultAsync(s => s.Id == scanId, ct);
        if (scan is null)
        {
            context.FailTask($"Scan {scanId} does not exist.");
            return;
        }
        var kind = Enum.TryParse<ScanKind>(scan.ScanType, ignoreCase: true, out var parsed) ? parsed : (ScanKind?)null;
        var scanner = kind is null ? null : scanners.FirstOrDefault(s => s.Kind == kind);
        if (scanner is null)
        {
            Fail(context, scan, $"No {scan.ScanType} scanner is installed in this Explorer.");
            return;
        }

        var startedAt = time.GetUtcNow();
        await MarkRunningAsync(context, scan, startedAt, ct);
        var target = SecretRedactor.Redact(scan.Target);
        context.Progress($"🔭 Explorer: {scan.ScanType} scan of {target}");
        var output = Path.Combine(catalyst.Value.ArtifactsFor(context.Task.Id), "explorer", scan.Id.ToString());
        var scanOptions = JsonSerializer.Deserialize<Dictionary<string, string>>(scan.Options) ?? [];
        var job = new ScanJob(scan.Id, kind!.Value, scan.Target, scanOptions, output, line => context.Progress(SecretRedactor.Redact(line)));

        var clock = Stopwatch.StartNew();
        ScanResult result;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(options.Value.Timeout);
            try
            {
                Directory.CreateDirectory(output);
                result = await scanner.ScanAsync(job, limit.Token);
            }
            catch (ScanFailedException ex)
            {
                Fail(context, scan, SecretRedactor.Redact(ex.Message));
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Fail(context, scan, $"The scan took longer than {options.Value.Timeout} ({ExplorerOptions.Section}:Timeout) and was stopped.");
                return;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var findings = ScanFindings.ToJson(scan.Id, scan.ScanType, target, startedAt, seconds, result);
        await ScanOutputs.WriteAsync(output, findings, result, ct);
        Complete(scan, result, findings, startedAt.AddSeconds(seconds));
        Report(context, result, seconds);

        context.Emit(EventTypes.ExplorerFindings, Payload(scan, target, findings, result));
        if (!scan.BuildRequested) context.CompleteTask();
        else context.Progress("🚀 Handing the findings to the Planner to build something similar...");
    }

    /// <summary>Shown at once, not with the step's commit: a long scan is visibly running.</summary>
    static async Task MarkRunningAsync(AgentContext context, ExplorerScanEntity scan, DateTimeOffset now, CancellationToken ct)
    {
        scan.Status = ScanStatus.Running;
        scan.StartedAt = now;
        await context.Db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE explorer_scans SET status = {ScanStatus.Running}, started_at = {now} WHERE id = {scan.Id} AND status <> {ScanStatus.Completed}", ct);
    }

    void Complete(ExplorerScanEntity scan, ScanResult result, JsonObject findings, DateTimeOffset completedAt)
    {
        scan.Status = ScanStatus.Completed;
        scan.Error = null;
        scan.Findings = findings.ToJsonString();
        scan.TechStack = result.TechStack.ToJsonString();
        scan.Measurements = result.Measurements.ToJsonString();
        scan.SecurityScore = result.Scores.Security;
        scan.TechDebtScore = result.Scores.TechDebt;
        scan.ScoreExplanation = result.Scores.HowComputed;
        scan.CompletedAt = completedAt;
    }

    void Fail(AgentContext context, ExplorerScanEntity scan, string reason)
    {
        scan.Status = ScanStatus.Failed;
        scan.Error = reason;
        scan.CompletedAt = time.GetUtcNow();
        context.FailTask($"The {scan.ScanType} scan failed: {reason}");
    }

    static void Report(AgentContext context, ScanResult result, double seconds)
    {
        var stack = string.Join(", ", (result.TechStack["summary"] as JsonArray ?? []).Select(s => (string?)s));
        if (stack.Length > 0) context.Progress($"✅ Detected: {stack}");
        if (result.Entities.Count > 0) context.Progress($"🧩 Records found: {string.Join(", ", result.Entities.Select(e => e.Name))}");
        var serious = result.Findings.Count(f => f.Severity is "critical" or "high");
        context.Progress($"{(serious > 0 ? "⚠️" : "✅")} {result.Findings.Count} finding(s), {serious} critical or high; security {result.Scores.Security}/100, tech debt {result.Scores.TechDebt}/100",
            serious > 0 ? "warning" : "info");
        context.Progress($"💡 {result.Suggestions.Count} improvement suggestion(s)");
        context.Progress($"✅ Exploration complete in {seconds:0.00} s");
    }

    static JsonObject Payload(ExplorerScanEntity scan, string target, JsonObject findings, ScanResult result) => new()
    {
        ["scan_id"] = scan.Id,
        ["scan_type"] = scan.ScanType,
        ["target"] = target,
        ["build_requested"] = scan.BuildRequested,
        ["can_replicate"] = findings["can_replicate"]?.DeepClone(),
        ["generator_stack"] = findings["generator_stack"]?.DeepClone(),
        ["tech_stack"] = result.TechStack["summary"]?.DeepClone(),
        ["entities"] = new JsonArray([.. result.Entities.Select(e => (JsonNode?)e.Name)]),
        ["suggested_tasks"] = new JsonArray([.. result.Suggestions.Select(s => (JsonNode?)s.Title)]),
        ["security_score"] = result.Scores.Security,
        ["tech_debt_score"] = result.Scores.TechDebt,
        ["findings_ref"] = $"explorer/{scan.Id}/findings.json",
    };
}
