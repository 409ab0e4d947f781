namespace Catalyst.Agents.Reviewer.Analysis;

public sealed record SourceFile(string Path, string Content)
{
    public string Extension => System.IO.Path.GetExtension(Path).ToLowerInvariant();
    public bool IsCSharp => Extension == ".cs";
    public bool IsScript => Extension is ".js" or ".mjs" or ".cjs" or ".ts";
    public bool IsCode => IsCSharp || IsScript;
    public bool IsTest => Path.StartsWith("tests/", StringComparison.Ordinal) || Path.StartsWith("test/", StringComparison.Ordinal)
        || Path.EndsWith(".test.js", StringComparison.Ordinal) || Path.EndsWith("Tests.cs", StringComparison.Ordinal);
    public string[] Lines => Content.Split('\n');
    public int LineCount => Content.Length == 0 ? 0 : Content.TrimEnd('\n').Split('\n').Length;
}

/// <summary>The committed files of one revision: what the Reviewer judges (never the build output).</summary>
public sealed class SourceTree(IReadOnlyList<SourceFile> files)
{
    public IReadOnlyList<SourceFile> Files { get; } = files;
    public IEnumerable<SourceFile> Code => Files.Where(f => f.IsCode);

    public SourceFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);
    public bool Contains(string path) => Files.Any(f => f.Path == path);
}
