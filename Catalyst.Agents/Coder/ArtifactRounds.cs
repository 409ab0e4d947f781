namespace Catalyst.Agents.Coder;

/// <summary>
/// Each fix round overwrites test-results/ and review/; before it does, the round that sent the task back is
/// copied to rounds/{n}/, so the evidence of every rejected attempt stays with the task.
/// </summary>
public static class ArtifactRounds
{
    public static void Archive(string taskArtifacts, int round)
    {
        foreach (var folder in new[] { "test-results", "review" })
        {
            var source = Path.Combine(taskArtifacts, folder);
            if (!Directory.Exists(source)) continue;
            var target = Path.Combine(taskArtifacts, "rounds", round.ToString(System.Globalization.CultureInfo.InvariantCulture), folder);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy, overwrite: true);
            }
        }
    }
}
