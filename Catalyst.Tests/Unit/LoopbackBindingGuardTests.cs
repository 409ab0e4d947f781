using Catalyst.Api.Security;

namespace Catalyst.Tests.Unit;

public sealed class LoopbackBindingGuardTests
{
    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    public void Only_loopback_addresses_count_as_local(string address, bool loopback) =>
        Assert.Equal(loopback, LoopbackBindingGuard.IsLoopbackAddress(address));
}
