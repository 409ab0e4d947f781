using System.Diagnostics.Metrics;

namespace Catalyst.Agents.Deployer;

/// <summary>How many previews run, as of the monitor's last health sweep.</summary>
public static class PreviewMetrics
{
    public const string MeterName = "Catalyst.Previews";

    static readonly Meter Meter = new(MeterName);
    static long live;

    static PreviewMetrics() =>
        Meter.CreateObservableGauge("catalyst.previews.live", () => Interlocked.Read(ref live),
            description: "Previews running, as of the last health sweep");

    internal static void ObserveLive(long count) => Interlocked.Exchange(ref live, count);
}
