namespace Catalyst.Tests.Infrastructure;

public static class FreePort
{
    public static int Next() => Catalyst.Core.Networking.LoopbackPort.Free();
}
