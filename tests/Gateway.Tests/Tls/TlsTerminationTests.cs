using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gateway.Tests.Infrastructure;
using Gateway.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Tls;

/// <summary>Real TLS handshakes on loopback against the in-process gateway.</summary>
public sealed class TlsTerminationTests(TopologyFixture topology) : IClassFixture<TopologyFixture>, IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Theory]
    [InlineData("foo.bar", "default")]
    [InlineData("canary.foo.bar", "canary")]
    [InlineData("canary.foo.bar.", "canary")]
    [InlineData("a.wild.test", "wildcard")]
    [InlineData("b.a.wild.test", "default")]
    [InlineData("unknown.example", "default")]
    public async Task Handshake_SniName_PicksMatchingCertificate(string serverName, string expected)
    {
        await using var gateway = await StartWithCertificatesAsync();

        var (certificate, _, _) = await HandshakeAsync(gateway.HttpsUrl!, serverName);

        Assert.Equal(expected, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Handshake_Tls12And13_AreAccepted(SslProtocols protocol)
    {
        await using var gateway = await StartWithCertificatesAsync();

        var (_, _, negotiated) = await HandshakeAsync(gateway.HttpsUrl!, "foo.bar", protocol);

        Assert.Equal(protocol, negotiated);
    }

    [Fact]
    public async Task Handshake_Tls11OnlyClient_IsRefused()
    {
        await using var gateway = await StartWithCertificatesAsync();

        // TLS 1.1 on purpose: the gateway must refuse it.
        var attempt = HandshakeAsync(gateway.HttpsUrl!, "foo.bar", SslProtocols.Tls11);
        var error = await Record.ExceptionAsync(() => attempt);

        Assert.True(error is AuthenticationException or IOException, $"Expected a failed handshake, got {error?.GetType().Name ?? "success"}");
    }

    [Fact]
    public async Task Handshake_AlpnH2_NegotiatesHttp2AndServesRequests()
    {
        await using var gateway = await StartWithCertificatesAsync("Gateway:Canary:Weight=100");

        var (_, alpn, _) = await HandshakeAsync(gateway.HttpsUrl!, "foo.bar", alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);
        using var client = TrustingClient(gateway.HttpsUrl!);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Headers = { Host = "foo.bar" } });

        Assert.Equal(SslApplicationProtocol.Http2, alpn);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("2.0", Responses.VersionOf(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Https_Response_HasHstsSecureCookieAndForwardedProtoHttps()
    {
        await using var echo = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(context =>
            context.Response.WriteAsync(context.Request.Headers["X-Forwarded-Proto"].ToString())));
        await using var gateway = await GatewayInstance.StartAsync([echo.Url], [echo.Url], TlsSettings());
        using var client = TrustingClient(gateway.HttpsUrl!);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });

        Assert.Equal("https", await response.Content.ReadAsStringAsync());
        Assert.Equal("max-age=15552000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.EndsWith("; Secure", Responses.StickyCookieOf(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://foo.bar/some/path?q=1")]
    [InlineData("8443", "https://foo.bar:8443/some/path?q=1")]
    public async Task Http_PublicRequest_RedirectedWith308ToHttps(string? httpsPort, string location)
    {
        var settings = TlsSettings().ToList();
        if (httpsPort is not null)
        {
            settings.Add($"Gateway:Tls:HttpsPort={httpsPort}");
        }

        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, settings);
        using var client = gateway.CreateRawClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/some/path?q=1") { Headers = { Host = "foo.bar:8080" } });

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Http_RedirectOff_ProxiesPlainHttp_ManagementNeverRedirected()
    {
        await using var redirecting = await StartWithCertificatesAsync();
        await using var plain = await StartWithCertificatesAsync("Gateway:Tls:RedirectHttp=false");
        using var management = redirecting.CreateRawClient(redirecting.ManagementUrl);
        using var client = plain.CreateRawClient();

        using var ready = await management.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var proxied = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.False(proxied.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Rotation_SecretVolumeSwapped_NewHandshakesGetNewCertificate_OpenConnectionKeepsWorking()
    {
        var (certificate, key) = _certificates.WriteSecretVolume("secret", "first", ["foo.bar"]);
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}"]);
        var connections = 0;
        using var client = TrustingClient(gateway.HttpsUrl!, onConnect: () => Interlocked.Increment(ref connections));
        using (var before = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } }))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await ReloadAsync(gateway, () => _certificates.WriteSecretVolume("secret", "second", ["foo.bar"]), expectSuccess: true);

        var (served, _, _) = await HandshakeAsync(gateway.HttpsUrl!, "foo.bar");
        using var after = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
        Assert.Equal("second", served.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Rotation_InvalidNewFiles_OldCertificateKeepsServing()
    {
        var (certificate, key) = _certificates.Write("secret", "first", ["foo.bar"]);
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}"]);
        var (_, otherKey) = _certificates.Write("other", "other", ["foo.bar"]);

        await ReloadAsync(gateway, () => File.Copy(otherKey, key, overwrite: true), expectSuccess: false);

        var (served, _, _) = await HandshakeAsync(gateway.HttpsUrl!, "foo.bar");
        Assert.Equal("first", served.GetNameInfo(X509NameType.SimpleName, false));
    }

    [Fact]
    public async Task SelfSigned_WritesCaFile_ClientsTrustingItConnectForAllHosts()
    {
        var caFile = Path.Combine(_certificates.Directory, "selfsigned-ca.crt");
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, ["Gateway:Tls:SelfSigned=true", $"Gateway:Tls:SelfSignedCertificatePath={caFile}"]);
        using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(caFile));

        foreach (var host in new[] { "localhost", "foo.bar", "canary.foo.bar" })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, gateway.HttpsUrl!.Port);
            await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, chain, _) => ChainsTo(cert!, authority));
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host });
            Assert.True(ssl.IsAuthenticated, host);
        }
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build((X509Certificate2)certificate);
    }

    private static async Task ReloadAsync(GatewayInstance gateway, Action change, bool expectSuccess)
    {
        var store = gateway.Service<CertificateStore>();
        var reloaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReloaded(bool success) => reloaded.TrySetResult(success);
        store.Reloaded += OnReloaded;
        try
        {
            change();
            Assert.Equal(expectSuccess, await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            store.Reloaded -= OnReloaded;
        }
    }

    private string[] TlsSettings()
    {
        var (certificate, key) = _certificates.Write("default", "default", ["foo.bar"]);
        return [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}"];
    }

    private Task<GatewayInstance> StartWithCertificatesAsync(params string[] extra)
    {
        var (canaryCertificate, canaryKey) = _certificates.Write("canary", "canary", ["canary.foo.bar"]);
        var (wildCertificate, wildKey) = _certificates.Write("wild", "wildcard", ["*.wild.test"]);
        string[] settings =
        [
            .. TlsSettings(),
            "Gateway:Tls:Certificates:0:Hosts:0=canary.foo.bar",
            $"Gateway:Tls:Certificates:0:CertificatePath={canaryCertificate}",
            $"Gateway:Tls:Certificates:0:KeyPath={canaryKey}",
            "Gateway:Tls:Certificates:1:Hosts:0=*.wild.test",
            $"Gateway:Tls:Certificates:1:CertificatePath={wildCertificate}",
            $"Gateway:Tls:Certificates:1:KeyPath={wildKey}",
            .. extra,
        ];
        return GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, settings);
    }

    private HttpClient TrustingClient(Uri baseAddress, Action? onConnect = null)
    {
        var authority = _certificates.Authority;
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = 1,
            SslOptions = new SslClientAuthenticationOptions { TargetHost = "foo.bar", RemoteCertificateValidationCallback = (_, cert, _, _) => ChainsTo(cert!, authority) },
            ConnectCallback = async (context, token) =>
            {
                onConnect?.Invoke();
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    private static async Task<(X509Certificate2 Certificate, SslApplicationProtocol Alpn, SslProtocols Protocol)> HandshakeAsync(
        Uri https, string serverName, SslProtocols protocols = SslProtocols.None, List<SslApplicationProtocol>? alpn = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, https.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName, EnabledSslProtocols = protocols, ApplicationProtocols = alpn });
        return ((X509Certificate2)ssl.RemoteCertificate!, ssl.NegotiatedApplicationProtocol, ssl.SslProtocol);
    }
}
