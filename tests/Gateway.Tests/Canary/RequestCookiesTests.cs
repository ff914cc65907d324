using Gateway.Canary;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.Canary;

public sealed class RequestCookiesTests
{
    private static int Bucket(params string[] cookieHeaders) => RequestCookies.Read(new StringValues(cookieHeaders), "canary", "canary-bucket").Bucket;

    [Theory]
    [InlineData("canary-bucket=0", 0)]
    [InlineData("canary-bucket=42", 42)]
    [InlineData("canary-bucket=0042", 42)]
    [InlineData("canary-bucket=9999", 9999)]
    [InlineData("a=b; canary-bucket=1234; c=d", 1234)]
    [InlineData("  canary-bucket = 77 ", 77)]
    [InlineData("canary-bucket=\"123\"", 123)]
    public void Read_ValidBucket_ReturnsIt(string header, int expected) => Assert.Equal(expected, Bucket(header));

    [Theory]
    [InlineData("")]
    [InlineData("other=1")]
    [InlineData("canary-bucket")]
    [InlineData("canary-bucket=")]
    [InlineData("canary-bucket=abc")]
    [InlineData("canary-bucket=12a")]
    [InlineData("canary-bucket=10000")]
    [InlineData("canary-bucket=-1")]
    [InlineData("canary-bucket=+5")]
    [InlineData("canary-bucket=99999999999999999999999")]
    [InlineData("canary-bucket=1.5")]
    [InlineData("canary-bucket=0x10")]
    [InlineData("Canary-Bucket=12")]
    [InlineData("xcanary-bucket=12")]
    public void Read_MissingOrInvalidBucket_ReturnsNoBucket(string header) => Assert.Equal(RequestCookies.NoBucket, Bucket(header));

    [Fact]
    public void Read_NoCookieHeader_ReturnsNoBucketAndNoForce()
    {
        var (force, bucket) = RequestCookies.Read(StringValues.Empty, "canary", "canary-bucket");

        Assert.Equal(ForceValue.None, force);
        Assert.Equal(RequestCookies.NoBucket, bucket);
    }

    [Fact]
    public void Read_RepeatedSameBucket_KeepsIt() => Assert.Equal(12, Bucket("canary-bucket=12; canary-bucket=12"));

    [Fact]
    public void Read_RepeatedConflictingBuckets_IgnoresThem() => Assert.Equal(RequestCookies.NoBucket, Bucket("canary-bucket=12; canary-bucket=9000"));

    [Fact]
    public void Read_RepeatedValidAndGarbage_IgnoresThem() => Assert.Equal(RequestCookies.NoBucket, Bucket("canary-bucket=12; canary-bucket=zz"));

    [Fact]
    public void Read_BucketsSplitAcrossHeaders_AreReadTogether()
    {
        // HTTP/2 clients may send each cookie in its own header field.
        Assert.Equal(77, Bucket("a=1", "canary-bucket=77"));
        Assert.Equal(RequestCookies.NoBucket, Bucket("canary-bucket=1", "canary-bucket=2"));
    }

    [Theory]
    [InlineData("canary=always", "Always")]
    [InlineData("canary=ALWAYS", "Always")]
    [InlineData("canary=never", "Never")]
    [InlineData("canary=sometimes", "None")]
    [InlineData("canary=", "None")]
    [InlineData("canary=always; canary=always", "Always")]
    [InlineData("canary=always; canary=never", "None")]
    [InlineData("canary-bucket=1", "None")]
    public void Read_ForceCookie_ParsesAlwaysNeverOrIgnores(string header, string expected) =>
        Assert.Equal(expected, RequestCookies.Read(new StringValues(header), "canary", "canary-bucket").Force.ToString());

    [Fact]
    public void Read_ForceCookieDisabled_IgnoresIt() =>
        Assert.Equal(ForceValue.None, RequestCookies.Read(new StringValues("canary=always"), null, "canary-bucket").Force);
}
