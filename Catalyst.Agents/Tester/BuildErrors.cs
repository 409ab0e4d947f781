using System.Text.RegularExpressions;

namespace Catalyst.Agents.Tester;

public sealed record BuildError(string File, int Line, string Code, string Message);

/// <summary>The compiler errors in a build log, with paths relative to the workspace (MSBuild prints each twice).</summary>
public static partial class BuildErrors
{
    public static IReadOnlyList<BuildError> Parse(string output, string workspace)
    {
        var root = Path.GetFullPath(workspace).TrimEnd('/') + "/";
        return output.Split('\n')
            .Select(line => Diagnostic().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m =>
            {
                var file = m.Groups["file"].Value.Trim();
                return new BuildError(file.StartsWith(root, StringComparison.Ordinal) ? file[root.Length..] : file,
                    int.Parse(m.Groups["line"].Value), m.Groups["code"].Value, m.Groups["message"].Value.Trim());
            })
            .Distinct()
            .ToList();
    }

    [GeneratedRegex(@"^(?<file>[^(]+)\((?<line>\d+),\d+\): error (?<code>[A-Z]+\d+): (?<message>.*?)(\s\[[^\]]+\])?$")]
    private static partial Regex Diagnostic();
}
