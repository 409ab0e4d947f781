namespace Catalyst.Tests.Previews;

/// <summary>
/// A private block of the preview port pool for each harness of the run: test classes run in parallel against
/// separate databases, so their leases cannot see each other. The blocks sit below the kernel's ephemeral range,
/// where the free ports the other tests take come from.
/// </summary>
public static class PreviewPorts
{
    const int First = 20000, BlockSize = 40;
    static int next = -1;

    public static (int From, int To) NextBlock()
    {
        var block = Interlocked.Increment(ref next);
        var from = First + block * BlockSize;
        return (from, from + BlockSize - 1);
    }

    public static Dictionary<string, string?> Settings(string prefix = "Catalyst:Preview:")
    {
        var (from, to) = NextBlock();
        return new() { [prefix + "PortFrom"] = from.ToString(), [prefix + "PortTo"] = to.ToString() };
    }
}
