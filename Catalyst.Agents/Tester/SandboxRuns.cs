using System.Globalization;
using Catalyst.Core.Processes;

namespace Catalyst.Agents.Tester;

/// <summary>
/// A marker file per running sandbox ({DataRoot}/sandbox/runs/{pid}: its pid and start time, and those of the
/// Catalyst process that started it), removed when the run ends. What a crashed Catalyst left (a run that
/// outlived it despite --die-with-parent, or any run without bubblewrap) is found there at the next start and
/// killed with everything below it. Runs of another Catalyst process that still lives (a second replica) are left alone.
/// </summary>
/// <param name="owner">The Catalyst process runs recorded here belong to: this one.</param>
public sealed class SandboxRuns(SandboxOptions options, int? owner = null)
{
    readonly int ownerPid = owner ?? Environment.ProcessId;

    string? Folder => options.DataRoot is null ? null : Path.Combine(options.DataRoot, "sandbox", "runs");

    /// <summary>Records a started run; disposing the result forgets it.</summary>
    public IDisposable Record(int pid)
    {
        if (Folder is not { } folder || ProcessTable.StartTimeOf(pid) is not { } started) return new Marker(null);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, pid.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(file, $"{pid}:{started}:{ownerPid}:{ProcessTable.StartTimeOf(ownerPid)}");
        return new Marker(file);
    }

    /// <summary>Kills every recorded run that still lives (the same process: its start time matches) and forgets them all. Returns how many were killed.</summary>
    public int ReapLeftovers()
    {
        if (Folder is not { } folder || !Directory.Exists(folder)) return 0;
        var reaped = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var parts = File.ReadAllText(file).Trim().Split(':');
            if (parts.Length != 4 || !int.TryParse(parts[0], out var pid) || !int.TryParse(parts[2], out var recordedOwner)) { File.Delete(file); continue; }
            if (IsSame(recordedOwner, parts[3])) continue; // its Catalyst still runs and looks after it
            if (IsSame(pid, parts[1]))
            {
                ProcessTable.KillTree(pid);
                reaped++;
            }
            File.Delete(file);
        }
        return reaped;
    }

    static bool IsSame(int pid, string startTime) => ProcessTable.StartTimeOf(pid)?.ToString(CultureInfo.InvariantCulture) == startTime;

    sealed class Marker(string? file) : IDisposable
    {
        public void Dispose() { if (file is not null) File.Delete(file); }
    }
}
