using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

/// <summary>One app per archetype and stack, given as specs so the tests do not depend on how requests are parsed.</summary>
public static class ArchetypeSpecs
{
    public static readonly AppKind[] Kinds = [AppKind.Timer, AppKind.Poll, AppKind.Quiz, AppKind.Kanban];

    public static IEnumerable<AppSpec> All => Kinds.SelectMany(kind => new[] { For(kind, AppStack.Dotnet), For(kind, AppStack.Node) });

    public static AppSpec For(AppKind kind, AppStack stack)
    {
        var (name, title) = kind switch
        {
            AppKind.Timer => ("countdown-timer", "Countdown Timer"),
            AppKind.Poll => ("team-poll", "Team Poll"),
            AppKind.Quiz => ("trivia-quiz", "Trivia Quiz"),
            _ => ("task-board", "Task Board"),
        };
        var node = stack == AppStack.Node;
        return new AppSpec
        {
            Kind = kind,
            Stack = stack,
            Name = node ? $"{name}-node" : name,
            Title = title,
            Identifier = string.Concat(title.Split(' ')),
            Description = ArchetypeCatalog.Description(kind)!,
            Prompt = $"A {title.ToLowerInvariant()} app{(node ? " in Node" : "")}.",
        };
    }
}

/// <summary>Understands the prompts of known specs as those specs, and any other request with the parser.</summary>
public sealed class KnownSpecs(IReadOnlyDictionary<string, AppSpec> specs) : IRequestUnderstanding
{
    readonly ParsedRequestUnderstanding parser = new(new RequestParser());

    public AppSpec Understand(string prompt, string? projectName) =>
        specs.TryGetValue(prompt, out var spec) ? spec : parser.Understand(prompt, projectName);
}
