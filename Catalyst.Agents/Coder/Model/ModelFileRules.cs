using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Model;

/// <summary>
/// What a model's files must be before they are committed: paths confined to the repository (relative, no "..",
/// not into git's own folder or the Planner's and Architect's documents), sizes capped, and, for a first build,
/// the files the generated-app contract and the Tester need for the stack. Anything else is a list of errors to
/// send back, never a file written.
/// </summary>
public static class ModelFileRules
{
    public const int MaxFiles = 40;
    public const int MaxFileChars = 100_000;
    public const int MaxTotalChars = 400_000;

    /// <summary>Folders that are not the app's: the design (Planner, Architect) and what tools make.</summary>
    static readonly string[] Reserved = ["planning/", "architecture/", ".git/", "node_modules/", ".catalyst-results/"];

    /// <summary>The files the stack's first build must have, found by the Tester and the Deployer.</summary>
    public static IReadOnlyList<string> Required(AppSpec spec) => spec.Stack == AppStack.Node
        ? ["package.json", "src/app.js", "src/server.js", "public/index.html", "README.md", "Dockerfile", ".env.example"]
        : [$"{spec.Identifier}.slnx", $"{AppLayout.ProjectDirectory(spec)}/{spec.Identifier}.csproj", $"{AppLayout.ProjectDirectory(spec)}/Program.cs",
            $"{AppLayout.Frontend(spec)}/index.html", "README.md", "Dockerfile", ".env.example"];

    /// <summary>The files to commit and the paths to delete, or the errors that stop them.</summary>
    public static (IReadOnlyList<GeneratedFile> Files, IReadOnlyList<string> Remove, IReadOnlyList<string> Errors) Check(
        ModelFiles answer, AppSpec spec, bool firstBuild)
    {
        var errors = new List<string>();
        var files = new Dictionary<string, GeneratedFile>(StringComparer.Ordinal);
        if (answer.Files is null || answer.Files.Count == 0) errors.Add("files is empty: answer with the app's files.");
        else if (answer.Files.Count > MaxFiles) errors.Add($"{answer.Files.Count} files is more than the {MaxFiles} allowed.");
        foreach (var file in answer.Files ?? [])
        {
            if (Normalise(file.Path) is not { } path) { errors.Add($"\"{file.Path}\" is not a relative path inside the repository."); continue; }
            if (Reserved.Any(r => path.StartsWith(r, StringComparison.Ordinal))) { errors.Add($"{path} is in {path.Split('/')[0]}/, which is not the app's to write."); continue; }
            if (file.Content is null) { errors.Add($"{path} has no content."); continue; }
            if (file.Content.Length > MaxFileChars) { errors.Add($"{path} has {file.Content.Length:N0} characters, more than the {MaxFileChars:N0} allowed."); continue; }
            if (file.Content.Contains('\0')) { errors.Add($"{path} is not text."); continue; }
            files[path] = new GeneratedFile(path, file.Content);
        }
        var total = files.Values.Sum(f => (long)f.Content.Length);
        if (total > MaxTotalChars) errors.Add($"The files have {total:N0} characters in all, more than the {MaxTotalChars:N0} allowed.");

        var remove = new List<string>();
        foreach (var entry in answer.Remove ?? [])
        {
            if (Normalise(entry) is { } path && !Reserved.Any(r => path.StartsWith(r, StringComparison.Ordinal)) && !files.ContainsKey(path)) remove.Add(path);
            else errors.Add($"\"{entry}\" cannot be removed: it is not an app file outside the ones written.");
        }
        if (firstBuild)
        {
            foreach (var required in Required(spec).Where(r => !files.ContainsKey(r))) errors.Add($"{required} is missing.");
            if (!files.Keys.Any(p => IsTest(spec, p))) errors.Add(spec.Stack == AppStack.Node ? "There is no test file (test/*.test.js)." : "There is no test project under tests/.");
        }
        return (errors.Count == 0 ? [.. files.Values] : [], errors.Count == 0 ? remove : [], errors);
    }

    /// <summary>A relative path with forward slashes and no empty, "." or ".." segment; null when it would leave the repository.</summary>
    public static string? Normalise(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 260) return null;
        var text = path.Trim().Replace('\\', '/');
        if (text.StartsWith('/') || text.Contains(':') || text.Any(char.IsControl)) return null;
        var segments = text.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == "..")) return null;
        return string.Join('/', segments);
    }

    static bool IsTest(AppSpec spec, string path) => spec.Stack == AppStack.Node
        ? path.StartsWith("test/", StringComparison.Ordinal) && path.EndsWith(".test.js", StringComparison.Ordinal)
        : path.StartsWith("tests/", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal);
}
