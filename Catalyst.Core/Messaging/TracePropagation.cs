using System.Diagnostics;
using System.Text.Json;

namespace Catalyst.Core.Messaging;

/// <summary>
/// W3C trace context across the bus. The task's trace_id is the trace: every agent step is a span in it,
/// whichever process runs it, and an event without headers (a replay) still joins the task's trace.
/// </summary>
public static class TracePropagation
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public static bool IsTraceHeader(string name) => name is TraceParentHeader or TraceStateHeader;

    /// <summary>Only the trace context of a set of transport headers (what a replay should carry).</summary>
    public static Dictionary<string, string> TraceHeadersOf(IReadOnlyDictionary<string, string> headers) =>
        headers.Where(h => IsTraceHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value);

    public static string? ToHeadersJson(Activity? activity) =>
        activity is null ? null : JsonSerializer.Serialize(ToHeaders(activity));

    public static Dictionary<string, string> ToHeaders(Activity activity)
    {
        var headers = new Dictionary<string, string> { [TraceParentHeader] = activity.Id! };
        if (!string.IsNullOrEmpty(activity.TraceStateString)) headers[TraceStateHeader] = activity.TraceStateString;
        return headers;
    }

    public static Dictionary<string, string> FromHeadersJson(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>The parent for a consumer span: the producer's span if it travelled, else the task's trace.</summary>
    public static ActivityContext ParentFor(IReadOnlyDictionary<string, string> headers, Guid taskTraceId)
    {
        if (headers.TryGetValue(TraceParentHeader, out var parent)
            && ActivityContext.TryParse(parent, headers.GetValueOrDefault(TraceStateHeader), out var context))
            return context;
        return new ActivityContext(TraceIdOf(taskTraceId), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
    }

    public static ActivityTraceId TraceIdOf(Guid traceId) => ActivityTraceId.CreateFromString(traceId.ToString("N"));

    public static Guid ToGuid(ActivityTraceId traceId) => Guid.ParseExact(traceId.ToHexString(), "N");
}
