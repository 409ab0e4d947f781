using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>One best-practice check and what it found.</summary>
public sealed record PracticeCheck(string Name, bool Passed, string Detail);

/// <summary>
/// The practices every generated service should follow: write endpoints validate their input, a health
/// endpoint exists, the container does not run as root, passwords are hashed, nothing secret is committed.
/// </summary>
public static partial class BestPractices
{
    public static (IReadOnlyList<PracticeCheck> Checks, IReadOnlyList<ReviewIssue> Issues) Check(SourceTree tree)
    {
        var checks = new List<PracticeCheck>();
        var issues = new List<ReviewIssue>();

        var unvalidated = UnvalidatedWriteHandlers(tree).ToList();
        checks.Add(new("input-validation", unvalidated.Count == 0, unvalidated.Count == 0
            ? "every POST, PUT and PATCH handler validates its input"
            : $"{unvalidated.Count} write handler(s) accept input without validating it"));
        issues.AddRange(unvalidated.Select(h => new ReviewIssue(ReviewCategory.BestPractices, Severity.Medium, "input-validation", h.File, h.StartLine,
            "This write endpoint accepts its input without checking it.", "Validate the request body and answer 400 with the errors (problem+json).")));

        var health = tree.Code.Any(f => !f.IsTest && HealthEndpoint().IsMatch(f.Content));
        checks.Add(new("health-endpoint", health, health ? "/health is mapped" : "no /health endpoint"));
        if (!health)
            issues.Add(new(ReviewCategory.BestPractices, Severity.Medium, "health-endpoint", null, null,
                "The service has no /health endpoint, so nothing can tell whether it is up.", "Map GET /health returning 200 when the app can serve."));

        CheckContainer(tree, checks, issues);

        var gitignore = tree.Contains(".gitignore");
        checks.Add(new("gitignore", gitignore, gitignore ? ".gitignore present" : "no .gitignore"));
        if (!gitignore)
            issues.Add(new(ReviewCategory.BestPractices, Severity.Low, "gitignore", null, null,
                "There is no .gitignore, so build output and local data can be committed by accident.", "Add a .gitignore for bin/, obj/, node_modules/ and data/."));

        CheckPasswords(tree, checks, issues);
        return (checks, issues);
    }

    static void CheckContainer(SourceTree tree, List<PracticeCheck> checks, List<ReviewIssue> issues)
    {
        var dockerfile = tree.Find("Dockerfile");
        if (dockerfile is null)
        {
            checks.Add(new("non-root-container", false, "no Dockerfile"));
            issues.Add(new(ReviewCategory.BestPractices, Severity.Low, "dockerfile", null, null,
                "There is no Dockerfile, so the app cannot be previewed in a container.", "Add a multi-stage Dockerfile that runs as an unprivileged user."));
            return;
        }
        var lines = dockerfile.Lines;
        var user = lines.Select((text, index) => (Match: UserInstruction().Match(text), Line: index + 1)).LastOrDefault(l => l.Match.Success);
        var asRoot = user.Match is null || user.Match.Groups["user"].Value is "root" or "0" or "0:0";
        checks.Add(new("non-root-container", !asRoot, asRoot ? "the container runs as root" : $"runs as user {user.Match!.Groups["user"].Value}"));
        if (asRoot)
            issues.Add(new(ReviewCategory.BestPractices, Severity.High, "root-container", "Dockerfile", user.Match is null ? lines.Length : user.Line,
                "The container runs as root: a flaw in the app gives an attacker root inside the container.", "Add `USER <unprivileged user>` after the last step that needs root."));
    }

    static void CheckPasswords(SourceTree tree, List<PracticeCheck> checks, List<ReviewIssue> issues)
    {
        var login = tree.Code.FirstOrDefault(f => !f.IsTest && LoginRoute().IsMatch(f.Content));
        if (login is null) return;
        var hashed = tree.Code.Any(f => !f.IsTest && PasswordHashing().IsMatch(f.Content));
        checks.Add(new("password-hashing", hashed, hashed ? "passwords are stored as salted, slow hashes" : "no password hashing found"));
        if (!hashed)
            issues.Add(new(ReviewCategory.Security, Severity.High, "password-hashing", login.Path, null,
                "The app signs users in but no password hashing (PBKDF2, scrypt, bcrypt, Argon2) was found.", "Store passwords as salted PBKDF2/scrypt/Argon2 hashes, never as text."));
    }

    /// <summary>POST, PUT and PATCH handlers whose code never validates (C# through Roslyn, scripts by route block).</summary>
    static IEnumerable<CodeLocation> UnvalidatedWriteHandlers(SourceTree tree)
    {
        foreach (var file in tree.Code.Where(f => !f.IsTest))
        {
            if (file.IsCSharp)
            {
                var root = CSharpSyntaxTree.ParseText(file.Content).GetRoot();
                var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToLookup(m => m.Identifier.Text);
                foreach (var map in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (map.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "MapPost" or "MapPut" or "MapPatch" }) continue;
                    if (map.ArgumentList.Arguments.LastOrDefault()?.Expression is not { } handler) continue;
                    SyntaxNode? body = handler is IdentifierNameSyntax name ? methods[name.Identifier.Text].FirstOrDefault() : handler;
                    if (body is null || Validates().IsMatch(body.ToString())) continue;
                    var line = body.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    yield return new CodeLocation(file.Path, line, line);
                }
            }
            else
            {
                var lines = file.Lines;
                var routes = lines.Select((text, index) => (text, index)).Where(l => RouteRegistration().IsMatch(l.text)).Select(l => l.index).ToList();
                for (var r = 0; r < routes.Count; r++)
                {
                    if (!WriteRoute().IsMatch(lines[routes[r]])) continue;
                    var end = r + 1 < routes.Count ? routes[r + 1] : lines.Length;
                    var block = string.Join('\n', lines[routes[r]..end]);
                    if (!Validates().IsMatch(block)) yield return new CodeLocation(file.Path, routes[r] + 1, end);
                }
            }
        }
    }

    [GeneratedRegex(@"Map(Get|HealthChecks)\(\s*""/health""|\.get\(\s*['""`]/health['""`]")]
    private static partial Regex HealthEndpoint();

    [GeneratedRegex(@"^\s*USER\s+(?<user>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex UserInstruction();

    [GeneratedRegex(@"(MapPost\(\s*""|\.post\(\s*['""`])[^'""`]*/login['""`]", RegexOptions.IgnoreCase)]
    private static partial Regex LoginRoute();

    [GeneratedRegex(@"Rfc2898DeriveBytes|Pbkdf2|scrypt|bcrypt|argon2", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordHashing();

    [GeneratedRegex(@"[Vv]alidat|BadRequest|status\(4\d\d\)|Status4\d\d|Unauthorized")]
    private static partial Regex Validates();

    [GeneratedRegex(@"^\s*(router|app)\.(get|post|put|patch|delete)\(")]
    private static partial Regex RouteRegistration();

    [GeneratedRegex(@"^\s*(router|app)\.(post|put|patch)\(")]
    private static partial Regex WriteRoute();
}
