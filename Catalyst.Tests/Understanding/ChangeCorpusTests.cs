namespace Catalyst.Tests.Understanding;

/// <summary>
/// The change grammar measured on the labelled follow-ups: exact match per request (every change with its
/// record, field and type, or "cannot", or "new app"). The held-out file was written before any tuning; its
/// mismatches are never printed, so nobody tunes on it.
/// </summary>
public sealed class ChangeCorpusTests
{
    /// <summary>Measured at 98.0 % (48 of 49); the bar is 95 %.</summary>
    [Fact]
    public void Development_follow_ups_are_read_at_95_percent() => AssertAccuracy(ChangeCorpus.Development, 0.95, showMismatches: true);

    /// <summary>Measured once, after the development tuning, at 88.0 % (22 of 25): the test holds that floor.</summary>
    [Fact]
    public void Held_out_follow_ups_are_read_no_worse_than_measured() => AssertAccuracy(ChangeCorpus.HeldOut, 0.88, showMismatches: false);

    static void AssertAccuracy(string file, double required, bool showMismatches)
    {
        var (right, total, mismatches) = ChangeCorpus.Score(ChangeCorpus.Load(file));
        var report = $"{file}: {right}/{total} follow-ups read exactly right ({100.0 * right / total:0.0} %), required {100 * required:0.0} %"
            + (showMismatches ? "\n" + mismatches : "");
        TestContext.Current.SendDiagnosticMessage(report);
        Assert.True((double)right / total >= required, report);
    }
}
