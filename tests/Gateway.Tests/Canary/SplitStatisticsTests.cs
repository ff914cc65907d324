using System.Collections.Concurrent;
using System.Net;
using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gateway.Tests.Canary;

/// <summary>
/// The guarantees of DESIGN.md measured through the real gateway and real backends, with seeded buckets so every
/// run sees the same users. Tolerances are stated with each assertion.
/// </summary>
public sealed class SplitStatisticsTests(TopologyFixture topology, ITestOutputHelper output) : IClassFixture<TopologyFixture>
{
    private const int Parallelism = 16;

    [Fact]
    public async Task NewUsers_Weight25_CanaryShareConvergesToWeight()
    {
        const int users = 20_000;
        await using var gateway = await StartSeededAsync(seed: 1, "Gateway:Canary:Weight=25");
        using var client = gateway.CreateRawClient();
        var canary = 0;

        await ForEachAsync(users, async _ =>
        {
            var (track, version) = await GetAsync(client, cookie: null);
            Assert.Equal(track == "canary" ? "2.0" : "1.0", version);
            if (track == "canary")
            {
                Interlocked.Increment(ref canary);
            }
        });

        // Binomial sd at n = 20,000, p = 0.25 is 0.31 pp; ±1.5 pp is almost 5 sd, so a correct split never fails it.
        var share = 100.0 * canary / users;
        output.WriteLine($"canary share of {users} new users at weight 25: {share:F2}%");
        Assert.InRange(share, 23.5, 26.5);
    }

    [Fact]
    public async Task ReturningUsers_20RequestsEach_NoUserSeesTwoVersions()
    {
        const int users = 500;
        const int requestsPerUser = 20;
        await using var gateway = await StartSeededAsync(seed: 2, "Gateway:Canary:Weight=25");
        var violations = 0;
        var canaryUsers = 0;

        await ForEachAsync(users, async _ =>
        {
            using var user = gateway.CreateUserClient();
            var versions = new HashSet<string>();
            for (var i = 0; i < requestsPerUser; i++)
            {
                using var response = await user.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
                versions.Add(Responses.VersionOf(await response.Content.ReadAsStringAsync()));
            }

            if (versions.Count > 1)
            {
                Interlocked.Increment(ref violations);
            }

            if (versions.Contains("2.0"))
            {
                Interlocked.Increment(ref canaryUsers);
            }
        });

        output.WriteLine($"{users} users x {requestsPerUser} requests: {violations} saw two versions; {canaryUsers} on canary ({100.0 * canaryUsers / users:F1}%)");
        Assert.Equal(0, violations);
        Assert.InRange(canaryUsers, 1, users - 1);
    }

    [Fact]
    public async Task RaisingWeight25To50_NoCanaryUserMovesBack_AboutAThirdOfStableUsersMove()
    {
        const int users = 1_000;
        await using var gateway = await StartSeededAsync(seed: 3, "Gateway:Canary:Weight=25");
        var clients = Enumerable.Range(0, users).Select(_ => gateway.CreateUserClient()).ToArray();
        var before = new string[users];
        var after = new string[users];

        await ForEachAsync(users, async i => before[i] = await TrackOfUserAsync(clients[i]));
        gateway.Reloadable.SetAndReload(("Gateway:Canary:Weight", "50"));
        await ForEachAsync(users, async i => after[i] = await TrackOfUserAsync(clients[i]));

        var canaryToStable = Enumerable.Range(0, users).Count(i => before[i] == "canary" && after[i] == "stable");
        var stableBefore = before.Count(t => t == "stable");
        var stableToCanary = Enumerable.Range(0, users).Count(i => before[i] == "stable" && after[i] == "canary");
        var movedShare = 100.0 * stableToCanary / stableBefore;
        output.WriteLine($"25 -> 50 with {users} users: {canaryToStable} canary users moved to stable; {stableToCanary} of {stableBefore} stable users moved to canary ({movedShare:F1}%, expected 33.3%)");
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Assert.Equal(0, canaryToStable);

        // Expected (50 - 25) / 75 = 33.3 %. With about 750 stable users the binomial sd is 1.7 pp; ±7 pp is over 4 sd.
        Assert.InRange(movedShare, 26.3, 40.3);
    }

    [Fact]
    public void LoweringWeight_MovesOnlyUsersAtOrAboveNewWeight()
    {
        var settings = CanarySettings.From(new CanaryOptions());
        var high = CanaryRules.Create(settings with { Weight = 50 }, [], [], 3, 1);
        var low = CanaryRules.Create(settings with { Weight = 20 }, [], [], 3, 1);

        for (var bucket = 0; bucket < CanaryRules.BucketCount; bucket++)
        {
            var moved = high.TrackOf(bucket) != low.TrackOf(bucket);
            Assert.Equal(bucket is >= 2_000 and < 5_000, moved);
        }
    }

    [Fact]
    public async Task TwoGatewayInstances_SameCookie_AlwaysAgree()
    {
        await using var first = await topology.StartGatewayAsync("Gateway:Canary:Weight=33.33");
        await using var second = await topology.StartGatewayAsync("Gateway:Canary:Weight=33.33");
        using var firstClient = first.CreateRawClient();
        using var secondClient = second.CreateRawClient();
        var disagreements = new ConcurrentBag<int>();

        await ForEachAsync(CanaryRules.BucketCount / 5, async i =>
        {
            var cookie = $"canary-bucket={i * 5}";
            var (a, _) = await GetAsync(firstClient, cookie);
            var (b, _) = await GetAsync(secondClient, cookie);
            if (a != b)
            {
                disagreements.Add(i * 5);
            }
        });

        Assert.Empty(disagreements);
    }

    private Task<GatewayInstance> StartSeededAsync(int seed, params string[] settings) =>
        GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, settings, builder => builder.Services.AddSingleton<IBucketGenerator>(new SeededBuckets(seed)));

    private static async Task<(string Track, string Version)> GetAsync(HttpClient client, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (Responses.TrackOf(response)!, Responses.VersionOf(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<string> TrackOfUserAsync(HttpClient user)
    {
        using var response = await user.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Responses.TrackOf(response)!;
    }

    private static Task ForEachAsync(int count, Func<int, Task> body) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await body(i));
}
