namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>Response times of the sampled requests in milliseconds; percentiles by nearest rank.</summary>
public sealed record LatencyStats(int Samples, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencyStats? From(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0) return null;
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, Round(sorted[0]), Round(sorted.Average()), Round(Percentile(50)), Round(Percentile(90)),
            Round(Percentile(95)), Round(Percentile(99)), Round(sorted[^1]));
    }

    static double Round(double ms) => Math.Round(ms, 2);
}
