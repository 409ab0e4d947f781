using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using Catalyst.Api.Chat;

namespace Catalyst.Tests.Chat;

/// <summary>
/// The chat's intent reading measured on labelled messages (Chat/Intents): a development half it may be tuned on
/// and a held-out half written before any tuning. Only the development half's misses are printed: whoever read
/// the held-out misses would be tuning on them.
/// </summary>
public sealed class IntentAccuracyTests
{
    const double DevelopmentTarget = 0.95;
    const double HeldOutTarget = 0.85;

    [Fact]
    public void Intents_are_read_at_95_percent_on_the_development_half_and_85_percent_on_the_held_out_half()
    {
        var reader = new IntentReader(new RequestParser(), ChatVocabulary.Default);
        var development = Score(reader, "development.json");
        var heldOut = Score(reader, "held-out.json");

        var report = $"intent accuracy: development {development.Summary} (target {DevelopmentTarget:P0}), held-out {heldOut.Summary} (target {HeldOutTarget:P0})"
            + (development.Misses.Count > 0 ? "\ndevelopment misses:\n" + string.Join('\n', development.Misses) : "");
        TestContext.Current.SendDiagnosticMessage(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);

        Assert.True(development.Accuracy >= DevelopmentTarget && heldOut.Accuracy >= HeldOutTarget, report);
    }

    [Fact]
    public void Both_halves_cover_every_intent_and_share_no_message()
    {
        var development = Load("development.json");
        var heldOut = Load("held-out.json");
        foreach (var intent in Enum.GetValues<ChatIntent>())
        {
            Assert.Contains(development, m => m.Intent == intent);
            Assert.Contains(heldOut, m => m.Intent == intent);
        }
        Assert.Empty(development.Select(m => m.Message.ToLowerInvariant()).Intersect(heldOut.Select(m => m.Message.ToLowerInvariant())));
    }

    sealed record Labelled(string Message, bool HasProject, ChatIntent Intent);

    sealed record Scored(int Right, int Total, List<string> Misses)
    {
        public double Accuracy => (double)Right / Total;
        public string Summary => $"{Accuracy:P1} ({Right} of {Total})";
    }

    static Scored Score(IntentReader reader, string file)
    {
        var items = Load(file);
        var misses = new List<string>();
        foreach (var item in items)
        {
            var read = reader.Read(item.Message, item.HasProject).Intent;
            if (read != item.Intent) misses.Add($"  \"{item.Message}\" (project: {item.HasProject}): expected {item.Intent}, read {read}");
        }
        return new(items.Count - misses.Count, items.Count, misses);
    }

    static List<Labelled> Load(string file) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Chat", "Intents", file)))!.AsArray()
            .Select(n => new Labelled((string)n!["message"]!, (bool)n["has_project"]!,
                Enum.Parse<ChatIntent>(((string)n["intent"]!).Replace("_", ""), ignoreCase: true)))];
}
