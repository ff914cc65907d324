using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Authentication;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Tls;

/// <summary>
/// TLS 1.2 offers only ECDHE with AEAD ciphers (Mozilla "intermediate", issue #11); TLS 1.3 keeps its three suites.
/// Clients restrict what they offer with their own <see cref="CipherSuitesPolicy"/> (OpenSSL, so Linux).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TlsCipherSuitesTests(TlsCipherSuitesTests.Gateways gateways) : IClassFixture<TlsCipherSuitesTests.Gateways>
{
    public static TheoryData<string, TlsCipherSuite> CbcSuites => new()
    {
        { "rsa", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 },
        { "rsa", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 },
        { "ecdsa", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 },
        { "ecdsa", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 },
    };

    public static TheoryData<string, TlsCipherSuite> AeadSuites => new()
    {
        { "rsa", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 },
        { "rsa", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 },
        { "rsa", TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 },
        { "ecdsa", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 },
        { "ecdsa", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 },
        { "ecdsa", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 },
    };

    public static TheoryData<string, TlsCipherSuite> Tls13Suites => new()
    {
        { "rsa", TlsCipherSuite.TLS_AES_128_GCM_SHA256 },
        { "rsa", TlsCipherSuite.TLS_AES_256_GCM_SHA384 },
        { "ecdsa", TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256 },
    };

    [Theory]
    [MemberData(nameof(CbcSuites))]
    public async Task Handshake_Tls12ClientOfferingOnlyCbc_IsRefused(string key, TlsCipherSuite suite)
    {
        var error = await Record.ExceptionAsync(() => HandshakeAsync(gateways.For(key), SslProtocols.Tls12, suite));

        Assert.True(error is AuthenticationException or IOException, $"Expected a refused handshake for {suite}, got {error?.GetType().Name ?? "success"}");
    }

    [Theory]
    [MemberData(nameof(AeadSuites))]
    public async Task Handshake_Tls12ClientOfferingEcdheAead_Connects(string key, TlsCipherSuite suite)
    {
        var (protocol, negotiated) = await HandshakeAsync(gateways.For(key), SslProtocols.Tls12, suite);

        Assert.Equal(SslProtocols.Tls12, protocol);
        Assert.Equal(suite, negotiated);
    }

    [Theory]
    [MemberData(nameof(Tls13Suites))]
    public async Task Handshake_Tls13Suite_Connects(string key, TlsCipherSuite suite)
    {
        var (protocol, negotiated) = await HandshakeAsync(gateways.For(key), SslProtocols.Tls13, suite);

        Assert.Equal(SslProtocols.Tls13, protocol);
        Assert.Equal(suite, negotiated);
    }

    private static async Task<(SslProtocols Protocol, TlsCipherSuite Suite)> HandshakeAsync(GatewayInstance gateway, SslProtocols protocols, TlsCipherSuite suite)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateway.HttpsUrl!.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "foo.bar",
            EnabledSslProtocols = protocols,
            CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
        }).WaitAsync(TimeSpan.FromSeconds(30));
        return (ssl.SslProtocol, ssl.NegotiatedCipherSuite);
    }

    /// <summary>A gateway with an RSA certificate (from a file) and one with an ECDSA P-256 certificate (self-signed).</summary>
    public sealed class Gateways : IAsyncLifetime
    {
        private static readonly string[] Unused = ["http://127.0.0.1:9"];
        private readonly TestCertificates _certificates = new();
        private GatewayInstance _rsa = null!;
        private GatewayInstance _ecdsa = null!;

        public GatewayInstance For(string key) => key == "rsa" ? _rsa : _ecdsa;

        public async Task InitializeAsync()
        {
            var (certificate, key) = _certificates.Write("rsa", "rsa", ["foo.bar"]);
            _rsa = await GatewayInstance.StartAsync(Unused, Unused, [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}"]);
            _ecdsa = await GatewayInstance.StartAsync(Unused, Unused,
                ["Gateway:Tls:SelfSigned=true", $"Gateway:Tls:SelfSignedCertificatePath={Path.Combine(_certificates.Directory, "ca.crt")}"]);
        }

        public async Task DisposeAsync()
        {
            await _rsa.DisposeAsync();
            await _ecdsa.DisposeAsync();
            _certificates.Dispose();
        }
    }
}
