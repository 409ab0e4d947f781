using Catalyst.Agents.Explorer;
using Catalyst.Api.Apis;
using Catalyst.Core.Explorer;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Projects;

namespace Catalyst.Api.Explorer;

/// <summary>A scan the scanner of its kind refused, or that no installed scanner can run; the message says why.</summary>
public sealed record ScanRefusal(string Title, string Detail);

/// <summary>
/// The one way a scan is started from the API: <c>POST /api/explorer/scan</c> and the chat's "analyze ..." both
/// come through here. The scanner of the scan's kind vets the target first, so a refused target is a 400 at once.
/// </summary>
public sealed class ScanSubmissions(IEnumerable<IExplorerScanner> scanners, ExplorerScanRepository scans, OutboxSignal outbox)
{
    public async Task<(ScanCreated? Created, ScanRefusal? Refusal)> SubmitAsync(ScanRequest request, string prompt, CancellationToken ct)
    {
        var kind = request.Kind;
        var scanner = scanners.FirstOrDefault(s => s.Kind == kind);
        if (scanner is null)
            return (null, new("Scanner not installed", $"No {kind.ToString().ToLowerInvariant()} scanner is installed in this Catalyst, so the scan cannot run."));
        var target = request.Target!.Trim();
        var options = request.Options ?? [];
        if (scanner.Refuse(target, options) is { } refused) return (null, new("Target refused", refused));

        var type = kind.ToString().ToLowerInvariant();
        var created = await scans.CreateAsync(
            new ScanSubmission(type, target, options, prompt, request.BuildSimilar == true, ProjectName: request.ProjectName?.Trim()),
            NameFor(target, request.BuildSimilar == true), ct);
        outbox.Notify(); // explorer.requested waits in the outbox
        return (created, null);
    }

    /// <summary>A project named after what is scanned: the repository's or host's last name ("express-shop").</summary>
    static string NameFor(string target, bool build)
    {
        var name = Uri.TryCreate(target, UriKind.Absolute, out var uri) && !uri.IsFile && uri.Segments.Length <= 1
            ? uri.Host
            : target.TrimEnd('/', '\\').Split('/', '\\', ':').LastOrDefault(s => s.Length > 0) ?? "scan";
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        var slug = ProjectSlug.From(name) ?? "scan";
        return build ? slug : $"explore-{slug}";
    }
}
