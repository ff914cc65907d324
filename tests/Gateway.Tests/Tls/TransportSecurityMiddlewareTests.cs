using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Tls;

/// <summary>
/// Plain-HTTP redirects never point at a host the client made up (issue #11): a served host is kept, anything else —
/// a forged name, an IP address — goes to the canonical host.
/// </summary>
public sealed class TransportSecurityMiddlewareTests(TransportSecurityMiddlewareTests.Gateways gateways) : IClassFixture<TransportSecurityMiddlewareTests.Gateways>
{
    // Hosts of the "configured" gateway: default certificate foo.bar, SNI certificates canary.foo.bar and *.wild.test,
    // canary.foo.bar pinned to canary (the default), stable.example pinned to stable, RedirectHosts www.foo.bar and shop.example.
    [Theory]
    [InlineData("foo.bar", "foo.bar")]
    [InlineData("FOO.Bar.:8080", "foo.bar")]
    [InlineData("canary.foo.bar", "canary.foo.bar")]
    [InlineData("stable.example", "stable.example")]
    [InlineData("shop.example:80", "shop.example")]
    [InlineData("www.foo.bar", "www.foo.bar")]
    [InlineData("a.wild.test", "a.wild.test")]
    [InlineData("A-1.Wild.Test", "a-1.wild.test")]
    public async Task Http_ServedHost_RedirectedToSameHost(string host, string expectedHost)
    {
        var location = await RedirectAsync(gateways.Configured, host);

        Assert.Equal($"https://{expectedHost}/some/path?q=1", location);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8080")]
    [InlineData("foo.bar.evil.example")]
    [InlineData("evilfoo.bar")]
    [InlineData("wild.test")]
    [InlineData("b.a.wild.test")]
    [InlineData("a_b.wild.test")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("2130706433")]
    [InlineData("[::1]:8080")]
    public async Task Http_UnservedHost_RedirectedToFirstRedirectHost(string host)
    {
        var location = await RedirectAsync(gateways.Configured, host);

        Assert.Equal("https://www.foo.bar/some/path?q=1", location);
    }

    [Fact]
    public async Task Http_UnservedHostWithoutRedirectHosts_RedirectedToCertificatesFirstName()
    {
        var location = await RedirectAsync(gateways.CertificateOnly, "evil.example");

        Assert.Equal("https://foo.bar:8443/some/path?q=1", location);
    }

    [Fact]
    public async Task Http10_NoHostHeader_RedirectedToCanonicalHost()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateways.Configured.PublicUrl.Port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /x HTTP/1.0\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 308 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nLocation: https://www.foo.bar/x\r\n", response, StringComparison.Ordinal);
    }

    private static async Task<string?> RedirectAsync(GatewayInstance gateway, string host)
    {
        using var client = gateway.CreateRawClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/some/path?q=1") { Headers = { Host = host } });
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    /// <summary>Two gateways that only redirect (their destinations are never contacted).</summary>
    public sealed class Gateways : IAsyncLifetime
    {
        private static readonly string[] Unused = ["http://127.0.0.1:9"];
        private readonly TestCertificates _certificates = new();

        public GatewayInstance Configured { get; private set; } = null!;

        public GatewayInstance CertificateOnly { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var (certificate, key) = _certificates.Write("default", "default", ["foo.bar"]);
            var (canaryCertificate, canaryKey) = _certificates.Write("canary", "canary", ["canary.foo.bar"]);
            var (wildCertificate, wildKey) = _certificates.Write("wild", "wildcard", ["*.wild.test"]);
            Configured = await GatewayInstance.StartAsync(Unused, Unused,
            [
                $"Gateway:Tls:CertificatePath={certificate}",
                $"Gateway:Tls:KeyPath={key}",
                "Gateway:Tls:Certificates:0:Hosts:0=canary.foo.bar",
                $"Gateway:Tls:Certificates:0:CertificatePath={canaryCertificate}",
                $"Gateway:Tls:Certificates:0:KeyPath={canaryKey}",
                "Gateway:Tls:Certificates:1:Hosts:0=*.wild.test",
                $"Gateway:Tls:Certificates:1:CertificatePath={wildCertificate}",
                $"Gateway:Tls:Certificates:1:KeyPath={wildKey}",
                "Gateway:Tls:RedirectHosts:0=www.foo.bar",
                "Gateway:Tls:RedirectHosts:1=shop.example",
                "Gateway:Tracks:Stable:Hosts:0=stable.example",
            ]);
            CertificateOnly = await GatewayInstance.StartAsync(Unused, Unused,
                [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}", "Gateway:Tls:HttpsPort=8443"]);
        }

        public async Task DisposeAsync()
        {
            await Configured.DisposeAsync();
            await CertificateOnly.DisposeAsync();
            _certificates.Dispose();
        }
    }
}
