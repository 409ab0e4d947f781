using System.Diagnostics;

namespace Catalyst.Tests.Infrastructure;

/// <summary>Finding processes by a marker in their command line, to see whether a sandbox left any behind.</summary>
public static class SandboxProcesses
{
    /// <summary>A sleep length no other process on the machine uses: 300-400 s with a random fraction.</summary>
    public static string NewMarker() => $"{Random.Shared.Next(300, 400)}.{Random.Shared.Next(100, 999)}";

    public static int Count(string marker) => Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
        .Count(d =>
        {
            // The sleep itself, not the wrappers (bwrap, setpriv, sh) that carry its command line in their arguments.
            try { return File.ReadAllText(Path.Combine(d, "cmdline")).Split('\0') is [var program, var argument, ..] && Path.GetFileName(program) == "sleep" && argument == marker; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });

    /// <summary>Waits (polling, with a deadline) until exactly <paramref name="expected"/> processes carry the marker; returns the last count.</summary>
    public static async Task<int> WaitForAsync(string marker, Func<int, bool> expected, TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        int count;
        while (!expected(count = Count(marker)) && clock.Elapsed < within) await Task.Delay(50, ct);
        return count;
    }
}
