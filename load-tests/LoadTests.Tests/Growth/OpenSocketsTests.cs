using System.Net;
using System.Net.Sockets;
using LoadTests.Growth;

namespace LoadTests.Tests.Growth;

public sealed class OpenSocketsTests
{
    [Theory]
    [InlineData("socket:[123456]", true)]
    [InlineData("/dev/null", false)]
    [InlineData("pipe:[42]", false)]
    [InlineData(null, false)]
    public void IsSocket_ReadsTheLinkTarget(string? target, bool expected) =>
        Assert.Equal(expected, OpenSockets.IsSocket(target));

    [Fact]
    public void Count_WhileThisProcessHoldsAListener_CountsItsDescriptor()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        // Other tests open and close sockets in parallel, so the count itself is only bounded below.
        var count = OpenSockets.Count(Environment.ProcessId);
        var target = new FileInfo($"/proc/{Environment.ProcessId}/fd/{listener.Server.Handle}").LinkTarget;

        Assert.True(count >= 1, $"sockets: {count}");
        Assert.True(OpenSockets.IsSocket(target), $"fd {listener.Server.Handle} → {target}");
    }

    [Fact]
    public void Count_NoSuchProcess_IsNull() => Assert.Null(OpenSockets.Count(int.MaxValue));
}
