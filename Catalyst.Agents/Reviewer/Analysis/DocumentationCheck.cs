using System.Text.RegularExpressions;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>Whether a newcomer can run, test, call and configure the app from what is written down.</summary>
public static partial class DocumentationCheck
{
    public static (IReadOnlyList<PracticeCheck> Checks, IReadOnlyList<ReviewIssue> Issues) Check(SourceTree tree)
    {
        var readme = tree.Files.FirstOrDefault(f => f.Path.Equals("README.md", StringComparison.OrdinalIgnoreCase));
        if (readme is null)
            return ([new("readme", false, "no README.md")],
                [new(ReviewCategory.Documentation, Severity.High, "readme", null, null, "There is no README.md.", "Add a README that says what the app does and how to run, test and call it.")]);

        var checks = new List<PracticeCheck> { new("readme", true, $"README.md, {readme.LineCount} lines") };
        var issues = new List<ReviewIssue>();
        void Require(string name, bool present, Severity severity, string missing, string suggestion)
        {
            checks.Add(new(name, present, present ? "documented" : missing));
            if (!present) issues.Add(new(ReviewCategory.Documentation, severity, name, readme.Path, null, missing, suggestion));
        }
        Require("run-instructions", RunCommand().IsMatch(readme.Content), Severity.Medium,
            "The README does not say how to run the app.", "Add a Run section with the command that starts it.");
        Require("test-instructions", TestCommand().IsMatch(readme.Content), Severity.Medium,
            "The README does not say how to run the tests.", "Add a Test section with the test command.");
        Require("api-reference", ApiReference().IsMatch(readme.Content), Severity.Low,
            "The README does not describe the API.", "List the endpoints with their methods and paths.");
        Require("configuration", tree.Contains(".env.example") || Configuration().IsMatch(readme.Content), Severity.Low,
            "Neither the README nor a .env.example says how to configure the app.", "Add a .env.example naming every setting the app reads.");
        return (checks, issues);
    }

    [GeneratedRegex(@"dotnet run|npm (run )?start|node \S+\.js|docker compose up")]
    private static partial Regex RunCommand();

    [GeneratedRegex(@"dotnet test|npm (run )?test|node --test")]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"(?m)^#+\s*(API|Endpoints)\b|`/api/")]
    private static partial Regex ApiReference();

    [GeneratedRegex(@"(?mi)^#+\s*(Configuration|Settings|Environment)\b")]
    private static partial Regex Configuration();
}
