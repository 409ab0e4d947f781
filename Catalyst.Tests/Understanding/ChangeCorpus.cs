using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// One labelled follow-up: the first request that built the app, the follow-up, and what it should do:
/// the changes in their canonical form (<see cref="SpecChange.ToString"/>), "cannot" (no change, a limitation
/// says why) or "new_app" (the follow-up describes a whole app and is understood as a first request).
/// </summary>
public sealed record ChangeItem(string Id, string Base, string Prompt, string Outcome, IReadOnlyList<string> Changes);

/// <summary>The labelled follow-ups (docs/understanding.md, "Follow-ups"), scored by exact match per request.</summary>
public static class ChangeCorpus
{
    public const string Development = "changes-development.json";
    public const string HeldOut = "changes-held-out.json";

    public static IReadOnlyList<ChangeItem> Load(string file) =>
        JsonNode.Parse(File.ReadAllText(Corpus.PathOf(file)))!.AsArray().Select(n => n!.AsObject()).Select(o => new ChangeItem(
            (string)o["id"]!, (string)o["base"]!, (string)o["prompt"]!, (string?)o["outcome"] ?? "change",
            o["changes"] is JsonArray a ? [.. a.Select(c => (string)c!)] : [])).ToList();

    /// <summary>How many follow-ups were read exactly right, and a line for each that was not.</summary>
    public static (int Right, int Total, string Mismatches) Score(IReadOnlyList<ChangeItem> items)
    {
        var parser = new RequestParser();
        var reader = new ChangeReader(parser);
        var bases = new Dictionary<string, AppSpec>();
        var mismatches = new StringBuilder();
        var right = 0;
        foreach (var item in items)
        {
            if (!bases.TryGetValue(item.Base, out var spec)) bases[item.Base] = spec = parser.Parse(item.Base);
            var revision = reader.Read(item.Prompt, spec);
            var outcome = revision.NewApp ? "new_app" : revision.Unchanged ? "cannot" : "change";
            var got = revision.Changes.Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
            var expected = item.Changes.Order(StringComparer.Ordinal).ToList();
            var ok = outcome == item.Outcome && got.SequenceEqual(expected) && (outcome != "cannot" || revision.Limitations.Count > 0);
            if (ok) right++;
            else mismatches.AppendLine($"{item.Id} \"{item.Prompt}\"\n    expected {item.Outcome} [{string.Join("; ", expected)}]\n    got      {outcome} [{string.Join("; ", got)}] {string.Join(" | ", revision.Limitations)}");
        }
        return (right, items.Count, mismatches.ToString());
    }
}
