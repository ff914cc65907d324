using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Canary;

public sealed class TrackSelectorTests
{
    private static readonly CanarySettings Defaults = CanarySettings.From(new CanaryOptions()) with { Weight = 25 };

    private static (string Track, string Reason, int CookieBucket, bool Pinned) Decide(
        string host = "foo.bar", string? header = null, string? cookie = null, CanarySettings? settings = null, string[]? stableHosts = null, int nextBucket = 5_000)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Host = host;
        if (header is not null)
        {
            context.Request.Headers["X-Canary"] = header;
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        var rules = CanaryRules.Create(settings ?? Defaults, ["canary.foo.bar"], stableHosts ?? ["stable.foo.bar"], 3, 1);
        var decision = TrackSelector.Decide(context.Request, rules, new FixedBucket(nextBucket));
        return (TrackNames.Of(decision.Track), RoutingReasonNames.Of(decision.Reason), decision.CookieBucket, decision.Pinned);
    }

    [Theory]
    [InlineData("canary.foo.bar")]
    [InlineData("CANARY.foo.BAR")]
    [InlineData("canary.foo.bar:8080")]
    [InlineData("canary.foo.bar.")]
    [InlineData("canary.foo.bar.:443")]
    public void Decide_CanaryHost_PinsCanary(string host)
    {
        Assert.Equal(("canary", "host", -1, true), Decide(host));
    }

    [Fact]
    public void Decide_StableHost_PinsStable() => Assert.Equal(("stable", "host", -1, true), Decide("stable.foo.bar"));

    [Fact]
    public void Decide_PinnedHost_BeatsHeaderAndCookie()
    {
        Assert.Equal(("canary", "host", -1, true), Decide("canary.foo.bar", header: "never", cookie: "canary=never; canary-bucket=9999"));
        Assert.Equal(("stable", "host", -1, true), Decide("stable.foo.bar", header: "always", cookie: "canary=always; canary-bucket=0"));
    }

    [Theory]
    [InlineData("always", "canary")]
    [InlineData("Always", "canary")]
    [InlineData("never", "stable")]
    public void Decide_ForceHeader_ForcesTrack(string value, string track) => Assert.Equal((track, "header", -1, false), Decide(header: value));

    [Fact]
    public void Decide_ForceHeader_BeatsCookieAndBucket()
    {
        Assert.Equal(("stable", "header", -1, false), Decide(header: "never", cookie: "canary=always; canary-bucket=0"));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("always,never")]
    public void Decide_OtherHeaderValues_AreIgnored(string value) => Assert.Equal(("canary", "sticky", 10, false), Decide(header: value, cookie: "canary-bucket=10"));

    [Fact]
    public void Decide_ForceCookie_BeatsBucket()
    {
        Assert.Equal(("canary", "cookie", -1, false), Decide(cookie: "canary-bucket=9999; canary=always"));
        Assert.Equal(("stable", "cookie", -1, false), Decide(cookie: "canary-bucket=0; canary=never"));
    }

    [Theory]
    [InlineData("canary-bucket=2499", "canary", 2_499)]
    [InlineData("canary-bucket=2500", "stable", 2_500)]
    [InlineData("session=x; canary-bucket=\"0042\"", "canary", 42)]
    [InlineData("canary-bucket=0; canary-bucket=00", "canary", 0)]
    public void Decide_ValidBucket_IsStickyAndSendsTheSameBucketBack(string cookie, string track, int bucket)
    {
        Assert.Equal((track, "sticky", bucket, false), Decide(cookie: cookie, nextBucket: 9_999));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("canary-bucket=garbage")]
    [InlineData("canary-bucket=10000")]
    [InlineData("canary-bucket=-3")]
    [InlineData("canary-bucket=1; canary-bucket=2")]
    public void Decide_NoValidBucket_DrawsNewBucket(string? cookie)
    {
        Assert.Equal(("canary", "new", 100, false), Decide(cookie: cookie, nextBucket: 100));
        Assert.Equal(("stable", "new", 7_000, false), Decide(cookie: cookie, nextBucket: 7_000));
    }

    [Fact]
    public void Decide_ForcingDisallowed_IgnoresHeaderAndCookie()
    {
        var settings = Defaults with { AllowForcing = false };

        Assert.Equal(("stable", "sticky", 9_000, false), Decide(header: "always", cookie: "canary=always; canary-bucket=9000", settings: settings));
        Assert.Equal(("canary", "host", -1, true), Decide("canary.foo.bar", settings: settings));
    }

    [Fact]
    public void Decide_CustomHeaderAndCookieNames_AreUsed()
    {
        var settings = Defaults with { Header = "X-Track", Cookie = "force" };
        var context = new DefaultHttpContext();
        context.Request.Headers.Host = "foo.bar";
        context.Request.Headers["X-Track"] = "always";
        var rules = CanaryRules.Create(settings, [], [], 3, 1);

        Assert.Equal(RoutingReason.Header, TrackSelector.Decide(context.Request, rules, new FixedBucket(0)).Reason);

        context.Request.Headers.Remove("X-Track");
        context.Request.Headers.Cookie = "force=never";
        Assert.Equal((Track.Stable, RoutingReason.Cookie), (TrackSelector.Decide(context.Request, rules, new FixedBucket(0)).Track, TrackSelector.Decide(context.Request, rules, new FixedBucket(0)).Reason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.1")]
    [InlineData("[::1]:8080")]
    [InlineData("foo.bar:8080")]
    public void Decide_UnpinnedOrOddHost_FallsThroughToBucket(string host) => Assert.Equal(("stable", "sticky", 5_000, false), Decide(host, cookie: "canary-bucket=5000"));
}
