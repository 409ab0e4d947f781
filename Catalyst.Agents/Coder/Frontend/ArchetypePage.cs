using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Frontend;

/// <summary>
/// The timer, poll, quiz and kanban pages: the generic client plus the kind's own script ({kind}.js, loaded before
/// app.js, registering its renderer) and styles (appended to styles.css).
/// </summary>
static class ArchetypePage
{
    const string AppScript = "<script src=\"app.js\" defer></script>";

    public static List<GeneratedFile> With(List<GeneratedFile> files, string directory, string kind, Func<string, string> template) =>
    [
        .. files.Select(file => Path.GetFileName(file.Path) switch
        {
            "index.html" => file with { Content = file.Content.Replace(AppScript, $"<script src=\"{kind}.js\" defer></script>\n  {AppScript}") },
            "styles.css" => file with { Content = file.Content + template("archetypes.css") },
            _ => file,
        }),
        new($"{directory}/{kind}.js", template($"{kind}.js")),
    ];
}
