namespace Catalyst.Bench;

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static string Summary(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return $"p50 {Percentile(sorted, 50),7:0.00} ms   p99 {Percentile(sorted, 99),7:0.00} ms   max {sorted[^1],7:0.00} ms   (n={sorted.Count})";
    }
}
