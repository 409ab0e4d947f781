using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder;

/// <summary>What the offline Coder changes: generated files put back as generated, foreign files that break the build or leak a secret removed.</summary>
public sealed record FixPlan(IReadOnlyList<GeneratedFile> Restore, IReadOnlyList<string> Remove)
{
    public bool IsEmpty => Restore.Count == 0 && Remove.Count == 0;

    public string Describe() => string.Join("; ", new[]
    {
        Restore.Count == 0 ? null : $"regenerate {string.Join(", ", Restore.Select(f => f.Path))}",
        Remove.Count == 0 ? null : $"remove {string.Join(", ", Remove)}",
    }.Where(s => s is not null));
}

/// <summary>
/// The offline Coder's fix: it cannot reason about code, but it knows exactly what it generated. A file named
/// by a finding that differs from the generator's output is regenerated; a file it never generated that a
/// blocking finding names (a planted key, a file that does not compile) is removed. Anything else it leaves
/// alone, and an empty plan means it cannot help.
/// </summary>
public static class CodeFix
{
    public static async Task<FixPlan> PlanAsync(FixRequest request, IReadOnlyList<GeneratedFile> generated, IGitRepository repository, string head, CancellationToken ct)
    {
        var expected = generated.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.Last().Content, StringComparer.Ordinal);
        var committed = (await repository.ListFilesAsync(head, ct)).ToHashSet(StringComparer.Ordinal);
        var named = new Dictionary<string, bool>(StringComparer.Ordinal); // path -> named by a blocking finding
        foreach (var finding in request.Findings)
        {
            var paths = finding.File is { } file ? [file] : finding.Test is { } test ? await FilesDeclaringAsync(test, committed, repository, head, ct) : [];
            foreach (var path in paths.Where(committed.Contains))
                named[path] = named.GetValueOrDefault(path) || finding.Blocking;
        }

        var restore = new List<GeneratedFile>();
        var remove = new List<string>();
        foreach (var (path, blocking) in named.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (expected.TryGetValue(path, out var content))
            {
                if (await repository.ReadFileAsync(head, path, ct) != content) restore.Add(new GeneratedFile(path, content));
            }
            else if (blocking) remove.Add(path);
        }
        return new FixPlan(restore, remove);
    }

    /// <summary>The test files that declare a failing test: by method name (.NET) or by the test's title (node).</summary>
    static async Task<List<string>> FilesDeclaringAsync(string test, IEnumerable<string> files, IGitRepository repository, string head, CancellationToken ct)
    {
        var name = test.Split('(')[0];
        var method = name.Contains(' ') ? name : name[(name.LastIndexOf('.') + 1)..];
        var found = new List<string>();
        foreach (var path in files.Where(IsTestSource))
        {
            if ((await repository.ReadFileAsync(head, path, ct))?.Contains(method, StringComparison.Ordinal) == true) found.Add(path);
        }
        return found;
    }

    static bool IsTestSource(string path) =>
        (path.StartsWith("tests/", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal))
        || (path.StartsWith("test/", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal));
}
