using Gateway.Canary;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Canary;

/// <summary>The decision runs on every request: it must not allocate (the bucket cookie for new users is the one exception).</summary>
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

    [Fact]
    public void FormatStickyCookie_AllocatesOnlyTheCookieString()
    {
        Rules.FormatStickyCookie(1234, secure: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var cookie = Rules.FormatStickyCookie(1234, secure: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One string: header (~20 bytes) + 2 bytes per char, rounded up to 8.
        Assert.InRange(allocated, 1, 24 + (2 * cookie.Length) + 8);
    }
}
