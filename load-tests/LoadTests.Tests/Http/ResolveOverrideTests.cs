using System.Net;
using LoadTests.Http;

namespace LoadTests.Tests.Http;

public sealed class ResolveOverrideTests
{
    [Theory]
    [InlineData("foo.bar=127.0.0.1", "foo.bar", null, "127.0.0.1")]
    [InlineData("foo.bar:443=10.0.0.7", "foo.bar", 443, "10.0.0.7")]
    [InlineData(" canary.foo.bar = 127.0.0.5 ", "canary.foo.bar", null, "127.0.0.5")]
    [InlineData("foo.bar=[::1]", "foo.bar", null, "::1")]
    public void TryParse_Valid(string text, string host, int? port, string address)
    {
        Assert.True(ResolveOverride.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(new ResolveOverride(host, port, IPAddress.Parse(address)), parsed);
    }

    [Theory]
    [InlineData("foo.bar")]
    [InlineData("=127.0.0.1")]
    [InlineData("foo.bar=")]
    [InlineData("foo.bar=not-an-ip")]
    [InlineData("foo.bar:99999=127.0.0.1")]
    [InlineData("foo bar=127.0.0.1")]
    public void TryParse_Invalid_ExplainsWhy(string text)
    {
        Assert.False(ResolveOverride.TryParse(text, out _, out var error));
        Assert.Contains(text.Trim(), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_MatchesHostCaseInsensitivelyAndPortWhenGiven()
    {
        ResolveOverride[] overrides =
        [
            new("foo.bar", 443, IPAddress.Parse("127.0.0.9")),
            new("foo.bar", null, IPAddress.Parse("127.0.0.1")),
        ];

        Assert.Equal(IPAddress.Parse("127.0.0.9"), ResolveOverride.Find(overrides, "FOO.bar", 443));
        Assert.Equal(IPAddress.Parse("127.0.0.1"), ResolveOverride.Find(overrides, "foo.bar", 80));
        Assert.Null(ResolveOverride.Find(overrides, "canary.foo.bar", 80));
    }

    [Fact]
    public async Task ConnectAsync_Override_ConnectsToAddressForTheHostName()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptSocketAsync();

        await using var stream = await UserHandlerFactory.ConnectAsync(new DnsEndPoint("no-such-host.invalid", port), [new ResolveOverride("no-such-host.invalid", null, IPAddress.Loopback)], CancellationToken.None);
        using var server = await accepted;

        Assert.True(server.Connected);
    }
}
