using Gateway.Canary;
using LoadTests.Bench;
using LoadTests.Growth;

namespace LoadTests.Tests.Growth;

public sealed class UserSetTests
{
    [Fact]
    public void Distinct_100000_EverySendsACookieHeaderOfItsOwn_TenPerBucket()
    {
        var users = UserSet.Distinct(100_000);

        var cookies = users.Users.Select(UserSet.Cookie).ToArray();
        var perBucket = users.Users.GroupBy(UserSet.Bucket).ToArray();

        Assert.Equal(100_000, cookies.Length);
        Assert.Equal(100_000, cookies.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(UserSet.Buckets, perBucket.Length);
        Assert.All(perBucket, g => Assert.Equal(10, g.Count()));
    }

    [Theory]
    [InlineData(0, "canary-bucket=0; uid=000000", 0)]
    [InlineData(37, "canary-bucket=37; uid=000037", 37)]
    [InlineData(12_345, "canary-bucket=2345; uid=012345", 2345)]
    [InlineData(99_999, "canary-bucket=9999; uid=099999", 9999)]
    public void Cookie_IsReadByTheGatewayAsTheUsersBucket(int user, string cookie, int bucket)
    {
        var (force, read) = RequestCookies.Read(UserSet.Cookie(user), "canary", "canary-bucket");

        Assert.Equal(cookie, UserSet.Cookie(user));
        Assert.Equal(ForceValue.None, force);
        Assert.Equal(bucket, read);
    }

    [Fact]
    public void Returning_IsTheBenchsHundredUsers()
    {
        Assert.Equal(BenchTarget.ReturningBuckets, UserSet.Returning.Users);
        Assert.Equal(100, UserSet.Returning.Count);
    }

    [Fact]
    public void CanaryShare_Weight25_IsAQuarterForBothSets()
    {
        Assert.Equal(0.25, UserSet.Returning.CanaryShare(25));
        Assert.Equal(0.25, UserSet.Distinct(100_000).CanaryShare(25));
    }

    [Theory]
    [InlineData(2499, true)]
    [InlineData(2500, false)]
    [InlineData(12_499, true)]
    [InlineData(12_500, false)]
    public void IsCanary_FollowsTheBucketNotTheUserNumber(int user, bool expected) =>
        Assert.Equal(expected, UserSet.IsCanary(user, 25));

    [Fact]
    public void WrkArguments_ARange_PassesOnlyItsSize()
    {
        Assert.Equal(["2", "range", "100000", "7"], UserSet.Distinct(100_000).WrkArguments(2, 7));
    }

    [Fact]
    public void WrkArguments_AList_PassesEveryUser()
    {
        var args = UserSet.Returning.WrkArguments(4, 0);

        Assert.Equal(["4", "list"], args.Take(2));
        Assert.Equal(UserSet.Returning.Users.Select(u => u.ToString(System.Globalization.CultureInfo.InvariantCulture)), args[2].Split(','));
        Assert.Equal("0", args[3]);
    }

    [Fact]
    public void Sample_SpreadsOverTheWholeSet()
    {
        var sample = UserSet.Distinct(100_000).Sample(40);

        Assert.Equal(40, sample.Count);
        Assert.Equal(0, sample[0]);
        Assert.True(sample[^1] >= 97_500, $"last sampled user {sample[^1]}");
        Assert.Contains(sample, u => UserSet.IsCanary(u, 25));
        Assert.Contains(sample, u => !UserSet.IsCanary(u, 25));
    }

    [Fact]
    public void Distinct_Zero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UserSet.Distinct(0));
}
