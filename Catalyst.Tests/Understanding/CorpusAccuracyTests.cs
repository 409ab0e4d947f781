namespace Catalyst.Tests.Understanding;

/// <summary>
/// The request understanding measured on the labelled corpus: exact match per request for the entity names and
/// for the fields with their types, at the targets of docs/understanding.md.
/// </summary>
public sealed class CorpusAccuracyTests
{
    [Fact]
    public void Development_corpus_is_understood_at_95_percent_for_entities_and_fields() =>
        AssertAccuracy(Corpus.Development, entities: 0.95, fields: 0.95, showMismatches: true);

    /// <summary>
    /// The target on the held-out half is 90 % for both parts, and both meet it. Fields were measured at 91.0 %
    /// (61 of 67), so the test holds that floor: one request fewer fails. It never prints the held-out mismatches:
    /// whoever read them would be tuning on the held-out half.
    /// </summary>
    [Fact]
    public void Held_out_corpus_is_understood_at_90_percent_for_entities_and_no_worse_than_measured_for_fields() =>
        AssertAccuracy(Corpus.HeldOut, entities: 0.90, fields: 0.91, showMismatches: false);

    static void AssertAccuracy(string file, double entities, double fields, bool showMismatches)
    {
        var score = CorpusScore.Run(Corpus.Load(file));
        var report = $"{file} ({score.Items.Count} requests), required: entities {CorpusScore.Percent(entities)}, fields {CorpusScore.Percent(fields)}\n"
            + score.Summary() + (showMismatches ? "\nMismatches:\n" + score.Mismatches() : "");
        TestContext.Current.SendDiagnosticMessage(report);

        Assert.True(score.Accuracy(CorpusScore.Entities) >= entities && score.Accuracy(CorpusScore.Fields) >= fields, report);
    }
}
