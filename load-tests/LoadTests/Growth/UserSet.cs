using System.Globalization;
using LoadTests.Bench;

namespace LoadTests.Growth;

/// <summary>
/// The users one growth target sends, each a number n with the cookie <c>canary-bucket=&lt;n mod 10000&gt;; uid=&lt;n,
/// six digits&gt;</c>. The gateway keeps no state per user: all it sees of a user is the Cookie header it parses on every
/// request, and the only thing it keeps per bucket is the refreshed Set-Cookie string (StickyCookieHeaders, at most
/// 10,000). A bucket has only 10,000 values, so 100,000 users need the second cookie to be distinct: every one of them
/// sends a Cookie header no other user sends, spread over all 10,000 buckets (ten users per bucket, so that cache
/// fills up). Returning users send the same shape of header, so the two sets differ in how many distinct headers and
/// buckets there are, not in what a request looks like.
/// </summary>
internal sealed record UserSet
{
    /// <summary>Number of bucket values (0–9999, DESIGN.md "Sticky bucket").</summary>
    public const int Buckets = 10_000;

    private UserSet(string name, IReadOnlyList<int>? list, int count)
    {
        Name = name;
        List = list;
        Count = count;
    }

    /// <summary>e.g. <c>100 users</c>.</summary>
    public string Name { get; }

    /// <summary>How many distinct users.</summary>
    public int Count { get; }

    /// <summary>The users when they are a list, or null for 0 … <see cref="Count"/> − 1.</summary>
    private IReadOnlyList<int>? List { get; }

    /// <summary><c>bench</c>'s 100 returning users (buckets i·100 + 37): a quarter of them canary at weight 25.</summary>
    public static UserSet Returning { get; } = new("100 users", BenchTarget.ReturningBuckets, BenchTarget.ReturningBuckets.Count);

    /// <summary>Users 0 … <paramref name="count"/> − 1, each with a Cookie header of its own.</summary>
    public static UserSet Distinct(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new UserSet(string.Create(CultureInfo.InvariantCulture, $"{count} users"), null, count);
    }

    /// <summary>The users, in the order the load generator's threads share them out.</summary>
    public IEnumerable<int> Users => List ?? Enumerable.Range(0, Count);

    public static int Bucket(int user) => user % Buckets;

    /// <summary>The Cookie header of <paramref name="user"/>; the same Lua formula builds it in wrk.</summary>
    public static string Cookie(int user) => string.Create(CultureInfo.InvariantCulture, $"canary-bucket={Bucket(user)}; uid={user:D6}");

    /// <summary>Whether <paramref name="user"/> belongs on the canary at <paramref name="weight"/> percent (bucket &lt; weight × 100).</summary>
    public static bool IsCanary(int user, double weight) => Bucket(user) < weight * 100;

    /// <summary>The share of these users that belongs on the canary at <paramref name="weight"/>.</summary>
    public double CanaryShare(double weight) => (double)Users.Count(u => IsCanary(u, weight)) / Count;

    /// <summary>
    /// What the wrk script gets after <c>--</c>: the thread count, then <c>list &lt;n,n,…&gt;</c> or <c>range &lt;count&gt;</c>,
    /// then where in its share each thread starts (so successive rounds do not all begin with the same users).
    /// </summary>
    public IReadOnlyList<string> WrkArguments(int threads, int start) =>
    [
        threads.ToString(CultureInfo.InvariantCulture),
        .. List is null ? ["range", Count.ToString(CultureInfo.InvariantCulture)] : new[] { "list", string.Join(',', List) },
        start.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>A few users spread over the set, to check the gateway routes each where its bucket says.</summary>
    public IReadOnlyList<int> Sample(int size)
    {
        var users = Users.ToArray();
        var step = Math.Max(1, users.Length / size);
        return users.Where((_, i) => i % step == 0).Take(size).ToArray();
    }
}
