using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Catalyst.Core.Git;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// Counts one host's repository reads (its "catalyst.git.reads" measurements, by operation): to prove what was
/// (not) read, e.g. served from a cache. Only the meters of <paramref name="meters"/>, that host's factory, are
/// listened to, so hosts running beside it in other tests do not count.
/// </summary>
public sealed class GitReadCounter : IDisposable
{
    readonly MeterListener listener = new();
    readonly ConcurrentDictionary<string, int> counts = new();

    public GitReadCounter(IMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GitMetrics.MeterName && instrument.Name == GitMetrics.ReadsInstrument && ReferenceEquals(instrument.Meter.Scope, meters))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "operation") counts.AddOrUpdate((string)tag.Value!, (int)value, (_, n) => n + (int)value);
        });
        listener.Start();
    }

    /// <summary>How many reads of <paramref name="operation"/> (resolve, tree, file, blob, diff) the host made.</summary>
    public int Count(string operation) => counts.GetValueOrDefault(operation);

    public int Total => counts.Values.Sum();

    public void Dispose() => listener.Dispose();
}
