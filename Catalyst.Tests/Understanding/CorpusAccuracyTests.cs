namespace Catalyst.Tests.Understanding;

/// <summary>
/// The request understanding measured on the labelled corpus: exact match per request for the entity names and
/// for the fields with their types, at the targets of docs/understanding.md.
/// </summary>
public sealed class CorpusAccuracyTests
{
    [Fact]
    public void Development_corpus_is_understood_at_95_percent_for_entities_and_fields() =>
        AssertAccuracy(Corpus.Development, 0.95);

    [Fact]
    public void Held_out_corpus_is_understood_at_90_percent_for_entities_and_fields() =>
        AssertAccuracy(Corpus.HeldOut, 0.90);

    static void AssertAccuracy(string file, double target)
    {
        var score = CorpusScore.Run(Corpus.Load(file));
        var report = $"{file} ({score.Items.Count} requests), target {CorpusScore.Percent(target)} for entities and fields\n"
            + score.Summary() + "\nMismatches:\n" + score.Mismatches();
        TestContext.Current.SendDiagnosticMessage(report);

        Assert.True(score.Accuracy(CorpusScore.Entities) >= target && score.Accuracy(CorpusScore.Fields) >= target, report);
    }
}
