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

    /// <summary>
    /// Requests written by others (docs/understanding.md, "Requests written by others"). The targets of issue 21 (90 %
    /// entities, 85 % fields on the held-out half) are not met yet: the floors are just below the measured figures
    /// (development 46 of 101 entities and 43 fields, 42 and 38 before the app-structure and "including" rules; held-out 25 of 90 for both), so no change makes them worse unseen.
    /// </summary>
    [Fact]
    public void Public_development_corpus_is_understood_no_worse_than_measured() =>
        AssertAccuracy(Corpus.PublicDevelopment, entities: 0.45, fields: 0.42, showMismatches: false);

    [Fact]
    public void Public_held_out_corpus_is_understood_no_worse_than_measured() =>
        AssertAccuracy(Corpus.PublicHeldOut, entities: 0.27, fields: 0.27, showMismatches: false);

    /// <summary>Both colours in their role on every public request that names a background and an accent (issue 21: 95 %).</summary>
    [Fact]
    public void Both_colours_are_read_in_their_role_on_95_percent_of_public_requests_that_name_two()
    {
        var (right, total) = CorpusScore.BothColours(Corpus.Load(Corpus.PublicDevelopment).Concat(Corpus.Load(Corpus.PublicHeldOut)));
        Assert.True(total >= 90 && right >= 0.95 * total, $"both colours right on {right} of {total}");
    }

    static void AssertAccuracy(string file, double entities, double fields, bool showMismatches)
    {
        var score = CorpusScore.Run(Corpus.Load(file));
        var report = $"{file} ({score.Items.Count} requests), required: entities {CorpusScore.Percent(entities)}, fields {CorpusScore.Percent(fields)}\n"
            + score.Summary() + (showMismatches ? "\nMismatches:\n" + score.Mismatches() : "");
        TestContext.Current.SendDiagnosticMessage(report);

        Assert.True(score.Accuracy(CorpusScore.Entities) >= entities && score.Accuracy(CorpusScore.Fields) >= fields, report);
    }
}
