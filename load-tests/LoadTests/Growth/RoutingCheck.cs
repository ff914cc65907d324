using System.Net;

namespace LoadTests.Growth;

/// <summary>
/// Before measuring: a sample of each target's users, one request each, must answer 200 from the track their bucket
/// names (the gateway's <c>X-Canary-Track</c> and the KubeApp's version agree), so the cookies wrk sends are ones the
/// gateway really reads, not garbage it would answer with a fresh bucket.
/// </summary>
internal static class RoutingCheck
{
    public const int SampleSize = 40;

    /// <exception cref="InvalidOperationException">A user was answered from the wrong track, or not with 200.</exception>
    public static async Task RunAsync(GrowthTarget target, double weight, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = target.Url, Timeout = TimeSpan.FromSeconds(5) };
        foreach (var user in target.Users.Sample(SampleSize))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = Bench.BenchTarget.Host;
            request.Headers.Add("Cookie", UserSet.Cookie(user));
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var canary = UserSet.IsCanary(user, weight);
            var track = response.Headers.TryGetValues("X-Canary-Track", out var values) ? string.Join(',', values) : "(none)";
            var expectedTrack = canary ? "canary" : "stable";
            var expectedVersion = canary ? "Version 2.0 " : "Version 1.0 ";
            if (response.StatusCode != HttpStatusCode.OK || track != expectedTrack || !body.Contains(expectedVersion, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{target.Name}: user {user} (Cookie '{UserSet.Cookie(user)}') should be on {expectedTrack}, got {(int)response.StatusCode}, X-Canary-Track {track}, body '{body}'");
            }
        }
    }
}
