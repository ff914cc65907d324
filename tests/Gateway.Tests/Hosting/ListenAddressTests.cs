using System.Net;
using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://*:8080", "*", 8080, true, false)]
    [InlineData("http://+:80", "+", 80, true, false)]
    [InlineData("http://0.0.0.0:9090", "0.0.0.0", 9090, true, false)]
    [InlineData("http://[::]:9090/", "[::]", 9090, true, false)]
    [InlineData("http://localhost:0", "localhost", 0, false, true)]
    [InlineData("HTTP://LocalHost:8080", "LocalHost", 8080, false, true)]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1", 8080, false, false)]
    [InlineData("http://[::1]:9090", "[::1]", 9090, false, false)]
    public void TryParse_ValidUrl_HostPortAndKind(string value, string host, int port, bool any, bool localhost)
    {
        Assert.True(ListenAddress.TryParse(value, "http", out var address, out var error));

        Assert.Null(error);
        Assert.Equal(host, address!.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(any, address.IsAny);
        Assert.Equal(localhost, address.IsLocalhost);
    }

    [Fact]
    public void TryParse_IPv6Literal_ParsedAddress() =>
        Assert.Equal(IPAddress.IPv6Loopback, Assert.IsType<ListenAddress>(Parse("http://[::1]:9090")).Address);

    [Theory]
    [InlineData("https://*:8443", "must be a http:// URL such as http://*:8080")]
    [InlineData("*:8080", "must be a http:// URL such as http://*:8080")]
    [InlineData("http://*", "must name a port between 0 and 65535, as in http://*:8080")]
    [InlineData("http://*:65536", "must name a port between 0 and 65535, as in http://*:8080")]
    [InlineData("http://*:-1", "must name a port between 0 and 65535, as in http://*:8080")]
    [InlineData("http://[::1]", "must name a port between 0 and 65535, as in http://*:8080")]
    [InlineData("http://example.com:8080", "host must be *, localhost or an IP address, got 'example.com'")]
    public void TryParse_InvalidUrl_ExplainsWhy(string value, string expected)
    {
        Assert.False(ListenAddress.TryParse(value, "http", out var address, out var error));

        Assert.Null(address);
        Assert.Equal(expected, error);
    }

    private static ListenAddress? Parse(string value) => ListenAddress.TryParse(value, "http", out var address, out _) ? address : null;
}
