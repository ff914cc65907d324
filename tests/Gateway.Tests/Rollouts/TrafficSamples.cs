using System.Collections.Immutable;
using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts;

/// <summary>Builds <see cref="TrackSample"/>s for analysis tests.</summary>
internal static class TrafficSamples
{
    /// <summary><paramref name="requests"/> requests, <paramref name="errors"/> of them failed, all taking <paramref name="milliseconds"/>.</summary>
    public static TrackSample Track(long requests, long errors, double milliseconds = 10)
    {
        var latency = new long[LatencyBuckets.Count];
        latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(milliseconds))] = requests;
        return new TrackSample(requests, errors, ImmutableArray.Create(latency));
    }

    /// <summary>As <see cref="Track(long, long, double)"/>, with <paramref name="slow"/> of the requests taking <paramref name="slowMilliseconds"/>.</summary>
    public static TrackSample Track(long requests, long errors, double milliseconds, long slow, double slowMilliseconds)
    {
        var latency = new long[LatencyBuckets.Count];
        latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(milliseconds))] = requests - slow;
        latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(slowMilliseconds))] += slow;
        return new TrackSample(requests, errors, ImmutableArray.Create(latency));
    }
}
