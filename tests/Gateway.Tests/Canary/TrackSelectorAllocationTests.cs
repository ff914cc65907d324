using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Canary;

/// <summary>
/// The decision runs on every request: it must not allocate, nor must the bucket cookie it sends back. The one
/// exception is the first time a bucket's Set-Cookie value is formatted (per scheme and cookie configuration).
/// </summary>
public sealed class TrackSelectorAllocationTests
{
    private static readonly CanaryRules Rules = CanaryRules.Create(CanarySettings.From(new CanaryOptions()) with { Weight = 25 }, ["canary.foo.bar"], ["stable.foo.bar"], 3, 1);

    [Theory]
    [InlineData("canary.foo.bar:8080", null, null)]
    [InlineData("foo.bar", "always", null)]
    [InlineData("foo.bar", null, "session=abc; canary=never; canary-bucket=1234")]
    [InlineData("foo.bar", null, "session=abc; canary-bucket=1234; other=\"x\"")]
    [InlineData("foo.bar", null, "canary-bucket=garbage")]
    [InlineData("FOO.BAR.", null, null)]
    public void Decide_AnyRule_AllocatesNothing(string host, string? header, string? cookie)
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

        var buckets = new RandomBucketGenerator();
        TrackSelector.Decide(context.Request, Rules, buckets);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            TrackSelector.Decide(context.Request, Rules, buckets);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("session=abc; canary-bucket=1234", false)]
    [InlineData("session=abc; canary-bucket=1234", true)]
    [InlineData("canary-bucket=\"0007\"", true)]
    public void Decide_ReturningUser_DecisionAndRefreshedCookieAllocateNothing(string cookie, bool https)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Host = "foo.bar";
        context.Request.Headers.Cookie = cookie;
        context.Request.IsHttps = https;
        var buckets = new RandomBucketGenerator();
        var first = Rules.StickyCookieHeaders.For(TrackSelector.Decide(context.Request, Rules, buckets).CookieBucket, https);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var same = true;
        for (var i = 0; i < 1_000; i++)
        {
            var decision = TrackSelector.Decide(context.Request, Rules, buckets);
            same &= ReferenceEquals(first, Rules.StickyCookieHeaders.For(decision.CookieBucket, context.Request.IsHttps));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(same);
    }

    [Fact]
    public void Decide_NewUsersOfAnAlreadySentBucket_AllocateNothing()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Host = "foo.bar";
        var buckets = new FixedBucket(4_321);
        Rules.StickyCookieHeaders.For(TrackSelector.Decide(context.Request, Rules, buckets).CookieBucket, https: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            var decision = TrackSelector.Decide(context.Request, Rules, buckets);
            Rules.StickyCookieHeaders.For(decision.CookieBucket, https: false);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void StickyCookieHeadersFor_FirstUseOfABucket_AllocatesOnlyTheCookieString()
    {
        var headers = new StickyCookieHeaders("canary-bucket", TimeSpan.FromDays(7), secureOverHttps: true);
        headers.For(1, https: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var cookie = headers.For(1_234, https: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One string: header (~20 bytes) + 2 bytes per char, rounded up to 8.
        Assert.InRange(allocated, 1, 24 + (2 * cookie.Length) + 8);
    }
}
