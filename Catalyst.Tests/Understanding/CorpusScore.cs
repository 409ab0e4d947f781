using System.Diagnostics;
using System.Globalization;
using System.Text;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// Exact-match accuracy of the request understanding on a corpus, per request and per part of the spec
/// (docs/understanding.md), with a readable list of what each request got wrong.
/// </summary>
public sealed class CorpusScore
{
    public const string Kind = "kind", Entities = "entities", Fields = "fields", Relations = "relations", Features = "features",
        Presentation = "presentation", NotUnderstood = "not_understood", Unsupported = "unsupported";

    public static readonly IReadOnlyList<string> Parts = [Kind, Entities, Fields, Relations, Features, Presentation, NotUnderstood, Unsupported];

    public CorpusScore(IReadOnlyList<ItemScore> items) => Items = items;

    public IReadOnlyList<ItemScore> Items { get; }

    /// <summary>Parses every prompt of <paramref name="items"/> and scores it against its labels.</summary>
    public static CorpusScore Run(IEnumerable<CorpusItem> items, Func<string, AppSpec> parse) =>
        new(items.Select(item =>
        {
            var clock = Stopwatch.StartNew();
            var spec = parse(item.Prompt);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            return SpecComparison.Compare(item, spec, elapsed);
        }).ToList());

    public static CorpusScore Run(IEnumerable<CorpusItem> items)
    {
        var parser = new RequestParser();
        return Run(items, prompt => parser.Parse(prompt));
    }

    /// <summary>The requests whose labels name both a background and an accent, and how many get both right.</summary>
    public static (int Right, int Total) BothColours(IEnumerable<CorpusItem> items)
    {
        var parser = new RequestParser();
        var two = items.Where(i => i.Presentation?.ContainsKey("background") == true && i.Presentation.ContainsKey("accent")).ToList();
        var right = two.Count(i => parser.Parse(i.Prompt).Presentation is var p
            && string.Equals(p.Background, i.Presentation!["background"], StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Accent, i.Presentation["accent"], StringComparison.OrdinalIgnoreCase));
        return (right, two.Count);
    }

    /// <summary>How many requests the part applies to (not_understood: the requests that label words) and how many are right.</summary>
    public (int Right, int Total) Count(string part)
    {
        var applicable = Items.Where(i => i.Parts.ContainsKey(part)).ToList();
        return (applicable.Count(i => i.Parts[part]), applicable.Count);
    }

    public double Accuracy(string part) => Count(part) is var (right, total) && total > 0 ? (double)right / total : 1;

    public int FieldsExpected => Items.Sum(i => i.FieldsExpected);
    public int FieldsGot => Items.Sum(i => i.FieldsGot);
    public int FieldsMatched => Items.Sum(i => i.FieldsMatched);

    /// <summary>Labelled fields found with their type (and bounds, options, target), over all labelled fields.</summary>
    public double FieldRecall => FieldsExpected == 0 ? 1 : (double)FieldsMatched / FieldsExpected;

    /// <summary>Parsed fields that are labelled as parsed, over all parsed fields.</summary>
    public double FieldPrecision => FieldsGot == 0 ? 1 : (double)FieldsMatched / FieldsGot;

    public int AllRight => Items.Count(i => i.Mismatches.Count == 0);

    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public string Figure(string part) => Count(part) is var (right, total)
        ? $"{part,-15}{right,4}/{total,-4}{Percent(Accuracy(part)),8}"
        : "";

    /// <summary>Every part's figure, then field recall and precision.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var part in Parts) text.AppendLine(Figure(part));
        text.AppendLine($"{"field recall",-15}{FieldsMatched,4}/{FieldsExpected,-4}{Percent(FieldRecall),8}");
        text.AppendLine($"{"field precision",-15}{FieldsMatched,4}/{FieldsGot,-4}{Percent(FieldPrecision),8}");
        text.AppendLine($"{"all parts",-15}{AllRight,4}/{Items.Count,-4}{Percent(Items.Count == 0 ? 1 : (double)AllRight / Items.Count),8}");
        return text.ToString();
    }

    /// <summary>Each request with a mismatch: its prompt, then expected against got for each wrong part.</summary>
    public string Mismatches()
    {
        var text = new StringBuilder();
        foreach (var item in Items.Where(i => i.Mismatches.Count > 0))
        {
            text.AppendLine($"{item.Item.Id} \"{item.Item.Prompt.ReplaceLineEndings(" / ")}\"");
            foreach (var mismatch in item.Mismatches) text.AppendLine($"    {mismatch}");
        }
        return text.ToString();
    }
}

/// <summary>One request's result: whether each part is right, what was wrong, field counts and parse time.</summary>
public sealed record ItemScore(
    CorpusItem Item,
    IReadOnlyDictionary<string, bool> Parts,
    IReadOnlyList<string> Mismatches,
    int FieldsExpected,
    int FieldsGot,
    int FieldsMatched,
    double Milliseconds);
