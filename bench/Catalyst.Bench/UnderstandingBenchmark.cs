using Catalyst.Agents.Understanding;
using Catalyst.Tests.Understanding;

namespace Catalyst.Bench;

/// <summary>
/// The request understanding on the labelled corpus: each part's exact-match accuracy per half, and the
/// time to understand one request over every request of both halves, after a warm-up pass.
/// </summary>
public static class UnderstandingBenchmark
{
    public static void Run(TextWriter output)
    {
        var parser = new RequestParser();
        var halves = Corpus.Halves.Select(file => (File: file, Items: Corpus.Load(file))).ToList();

        foreach (var (_, items) in halves) CorpusScore.Run(items, prompt => parser.Parse(prompt)); // warm-up: JIT, regexes, lexicon
        var times = new List<double>();
        foreach (var (file, items) in halves)
        {
            var score = CorpusScore.Run(items, prompt => parser.Parse(prompt));
            times.AddRange(score.Items.Select(i => i.Milliseconds));
            output.WriteLine($"\n{file} ({items.Count} requests)");
            foreach (var line in score.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.WriteLine($"  {line}");
        }

        foreach (var (file, items) in halves)
            if (CorpusScore.BothColours(items) is (var right, > 0 and var total))
                output.WriteLine($"\n{file}: both colours in their role on {right} of {total} requests that name two ({CorpusScore.Percent((double)right / total)})");

        var sorted = times.Order().ToList();
        output.WriteLine($"\nunderstanding time per request ({sorted.Count} requests): median {Stats.Percentile(sorted, 50):0.00} ms   "
            + $"p95 {Stats.Percentile(sorted, 95):0.00} ms   max {sorted[^1]:0.00} ms   (target: under 50 ms)");
    }

    /// <summary>A spec on a few lines: its kind, records with typed fields, colours and limitations.</summary>
    public static string Describe(AppSpec spec)
    {
        var entities = spec.Entities.Select(e => $"{e.Name}({string.Join(", ", e.Fields.Select(f => $"{f.Name}:{f.Type}{(f.References is null ? "" : "->" + f.References)}"))})");
        var look = spec.Presentation;
        return $"{spec.Kind} {string.Join(" ", entities)}\n  look: background={look.Background} accent={look.Accent} text={look.Text} theme={look.Theme}"
            + string.Concat(spec.Limitations.Select(l => $"\n  limitation: {l}")) + $"\n  prompt: {spec.Prompt}";
    }
}
