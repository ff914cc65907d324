using Gateway.Canary;

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
    public void Matches_OnlySameNameAndMaxAge()
    {
        var headers = new StickyCookieHeaders("canary-bucket", SevenDays, secureOverHttps: true);

        Assert.True(headers.Matches("canary-bucket", SevenDays));
        Assert.False(headers.Matches("cb", SevenDays));
        Assert.False(headers.Matches("canary-bucket", TimeSpan.FromDays(1)));
    }
}
