using Gateway.Canary;
using Gateway.Hosting;
using Gateway.Tls;

namespace Gateway.Tests.Canary;

public sealed class StickyCookieHeadersTests
{
    private static readonly TimeSpan SevenDays = TimeSpan.FromDays(7);

    [Fact]
    public void For_Http_HasDesignAttributesWithoutSecure()
    {
        Assert.Equal("canary-bucket=42; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly", new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true).For(42, https: false));
    }

    [Fact]
    public void For_Https_AddsSecure()
    {
        Assert.Equal("canary-bucket=9999; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly; Secure", new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true).For(9_999, https: true));
    }

    [Fact]
    public void For_CustomNameAndMaxAge_AreUsed()
    {
        Assert.Equal("cb=0; Max-Age=3600; Path=/; SameSite=Lax; HttpOnly", new StickyCookieHeaders("cb", TimeSpan.FromHours(1), secureOverHttps: true).For(0, https: false));
    }

    [Fact]
    public void For_SameBucketAgain_ReturnsTheSameStringPerScheme()
    {
        var headers = new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true);

        Assert.Same(headers.For(1_234, https: false), headers.For(1_234, https: false));
        Assert.Same(headers.For(1_234, https: true), headers.For(1_234, https: true));
        Assert.NotEqual(headers.For(1_234, https: false), headers.For(1_234, https: true));
    }

    [Fact]
    public void For_BucketOutOfRange_IsFormattedAnyway()
    {
        var headers = new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true);

        Assert.StartsWith("canary-bucket=10000;", headers.For(10_000, https: false), StringComparison.Ordinal);
        Assert.StartsWith("canary-bucket=-1;", headers.For(-1, https: false), StringComparison.Ordinal);
    }

    [Fact]
    public void For_NotSecureOverHttps_HttpsValueHasNoSecure()
    {
        var headers = new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: false);

        Assert.Equal("canary-bucket=7; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly", headers.For(7, https: true));
        Assert.Same(headers.For(7, https: false), headers.For(7, https: true));
    }

    [Theory]
    [InlineData("/tls.crt", false, null, "http://*:8080", true)]
    [InlineData("/tls.crt", false, true, "http://*:8080", true)]
    [InlineData("/tls.crt", false, false, "http://*:8080", false)]
    [InlineData(null, true, false, "http://*:8080", false)]
    [InlineData("/tls.crt", false, false, "", true)]
    [InlineData(null, false, null, "http://*:8080", true)]
    public void MarkSecureOverHttps_OnlyWhenPlainHttpIsNotServedUnredirected(string? certificate, bool selfSigned, bool? redirectHttp, string http, bool secure)
    {
        var tls = new TlsOptions { CertificatePath = certificate, KeyPath = certificate, SelfSigned = selfSigned, RedirectHttp = redirectHttp };

        Assert.Equal(secure, StickyCookieHeaders.MarkSecureOverHttps(tls, new GatewayListenOptions { Http = http }));
    }

    [Fact]
    public void Matches_OnlySameNameAndMaxAge()
    {
        var headers = new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true);

        Assert.True(headers.Matches("canary-bucket", SevenDays));
        Assert.False(headers.Matches("cb", SevenDays));
        Assert.False(headers.Matches("canary-bucket", TimeSpan.FromDays(1)));
    }
}
