namespace Catalyst.Agents.Explorer;

/// <summary>
/// A scan that cannot be done for a reason the user can act on (unreachable, too large, not a repository): the
/// scan and its task fail with this message at once, instead of being retried like a crash.
/// </summary>
public sealed class ScanFailedException(string message, Exception? inner = null) : Exception(message, inner);
