using System.Diagnostics.Metrics;

namespace Catalyst.Core.Git;

/// <summary>
/// Counts what is read from repositories ("catalyst.git.reads", tagged by operation), so a dashboard (and a
/// test) can tell a read served from the cache from one that went to the object database.
/// </summary>
public sealed class GitMetrics(IMeterFactory meters)
{
    public const string MeterName = "Catalyst.Git";
    public const string ReadsInstrument = "catalyst.git.reads";

    readonly Counter<long> reads = meters.Create(MeterName).CreateCounter<long>(ReadsInstrument, "{read}", "Reads of commits, trees, blobs and diffs");

    /// <summary>One read: resolve (a ref to its commit), tree, file (a path's kind and size), blob (a file's bytes) or diff.</summary>
    public void Read(string operation) => reads.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
