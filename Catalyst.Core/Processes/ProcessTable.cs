using System.Globalization;
using System.Runtime.InteropServices;

namespace Catalyst.Core.Processes;

/// <summary>What Linux's /proc says about processes: start times (so a recycled pid is never taken for another), parents, namespaces.</summary>
public static class ProcessTable
{
    const int SigKill = 9;

    /// <summary>Field 22 of /proc/{pid}/stat (clock ticks since boot), or null when the process is gone or a zombie.</summary>
    public static long? StartTimeOf(int pid) => Stat(pid) is { } fields && fields[0] != "Z" ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;

    /// <summary>Every living descendant of <paramref name="pid"/>, parents before their children.</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var child) || Stat(child) is not { } fields) continue;
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!parents.TryGetValue(parent, out var children)) parents[parent] = children = [];
            children.Add(child);
        }
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var next))
            foreach (var child in parents.GetValueOrDefault(next) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        return found;
    }

    /// <summary>The inode of the network namespace <paramref name="pid"/> lives in ("net:[4026531833]"), or null when it is gone.</summary>
    public static string? NetworkNamespaceOf(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/net").LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>SIGKILL to the process and everything below it, children first found while the parent still holds them.</summary>
    public static void KillTree(int pid)
    {
        var descendants = DescendantsOf(pid);
        _ = Kill(pid, SigKill);
        foreach (var child in descendants) _ = Kill(child, SigKill);
    }

    /// <summary>The fields of /proc/{pid}/stat after the command name (state first), or null when it is gone.</summary>
    static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
