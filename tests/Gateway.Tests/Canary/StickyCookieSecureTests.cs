using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Tls;

namespace Gateway.Tests.Canary;

/// <summary>
/// The bucket cookie's <c>Secure</c> attribute against the gateway's TLS setup, with real handshakes on loopback.
/// Browsers neither send a Secure cookie over plain HTTP nor let a plain-HTTP response replace it, so a Secure bucket
/// would make every plain-HTTP request of a user draw a new bucket.
/// </summary>
public sealed class StickyCookieSecureTests(TopologyFixture topology) : IClassFixture<TopologyFixture>, IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("true", null, true)]
    [InlineData("false", "", true)]
    [InlineData("false", null, false)]
    public async Task Https_BucketCookie_SecureUnlessPlainHttpIsServedUnredirected(string? redirectHttp, string? httpListener, bool secure)
    {
        var settings = TlsSettings().ToList();
        if (redirectHttp is not null)
        {
            settings.Add($"Gateway:Tls:RedirectHttp={redirectHttp}");
        }

        if (httpListener is not null)
        {
            settings.Add($"Gateway:Listen:Http={httpListener}");
        }

        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, settings);
        using var client = HttpsClient(gateway.HttpsUrl!, new CookieContainer());

        using var response = await client.SendAsync(Get());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(
            @"^canary-bucket=\d{1,4}; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly" + (secure ? "; Secure$" : "$"),
            Responses.StickyCookieOf(response));
    }

    [Fact]
    public async Task RedirectOff_UserFirstOverHttps_KeepsBucketOverPlainHttp()
    {
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. TlsSettings(), "Gateway:Tls:RedirectHttp=false", "Gateway:Canary:Weight=50"]);
        var browser = new CookieContainer();
        using var https = HttpsClient(gateway.HttpsUrl!, browser);
        using var http = gateway.CreateUserClient(browser);

        using var first = await https.SendAsync(Get());
        var bucket = BucketOf(Responses.StickyCookieOf(first));

        // The jar, like a browser, sends the cookie over plain HTTP only if it is not Secure; the gateway then
        // refreshes the same bucket instead of drawing a new one.
        for (var i = 0; i < 3; i++)
        {
            using var plain = await http.SendAsync(Get());
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal(bucket, BucketOf(Responses.StickyCookieOf(plain)));
            Assert.Equal(Responses.TrackOf(first), Responses.TrackOf(plain));
        }
    }

    private static string BucketOf(string? setCookie)
    {
        Assert.NotNull(setCookie);
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static HttpRequestMessage Get() => new(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };

    private string[] TlsSettings()
    {
        var (certificate, key) = _certificates.Write("default", "default", ["foo.bar"]);
        return [$"Gateway:Tls:CertificatePath={certificate}", $"Gateway:Tls:KeyPath={key}"];
    }

    private HttpClient HttpsClient(Uri baseAddress, CookieContainer cookies)
    {
        var authority = _certificates.Authority;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { TargetHost = "foo.bar", RemoteCertificateValidationCallback = (_, cert, _, _) => ChainsTo(cert!, authority) },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build((X509Certificate2)certificate);
    }
}
