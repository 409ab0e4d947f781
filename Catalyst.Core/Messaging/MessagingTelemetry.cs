using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Catalyst.Core.Messaging;

public static class MessagingTelemetry
{
    public static readonly ActivitySource Agents = new("Catalyst.Agents");
    public static readonly ActivitySource Messaging = new("Catalyst.Messaging");

    static readonly Meter Meter = new("Catalyst.Messaging");
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("catalyst.messaging.deliveries", description: "Deliveries by agent and outcome");
    public static readonly Histogram<double> HandleDuration = Meter.CreateHistogram<double>("catalyst.agents.handle.duration", "ms", "Time an agent step took");
    public static readonly Counter<long> Published = Meter.CreateCounter<long>("catalyst.messaging.published", description: "Events published from the outbox");

    static IReadOnlyDictionary<string, long> queueDepths = new Dictionary<string, long>();

    static MessagingTelemetry() =>
        Meter.CreateObservableGauge("catalyst.messaging.queue.depth",
            () => Volatile.Read(ref queueDepths).Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            description: "Messages waiting in each agent's queue, as of the last sample");

    internal static void ObserveQueueDepths(IReadOnlyDictionary<string, long> depths) => Volatile.Write(ref queueDepths, depths);
}
