using System.Collections.Immutable;

namespace Gateway.Rollouts;

/// <summary>
/// One track's requests as cumulative counts (since a process started) or as the difference of two such counts (an
/// interval). Adds up across replicas: the latency buckets use the fixed <see cref="LatencyBuckets"/> layout.
/// </summary>
/// <param name="Requests">Requests that finished.</param>
/// <param name="Errors">Of those, answered 5xx (the gateway's own 502/503/504 for transport failures included).</param>
/// <param name="Latency">Requests per latency bucket.</param>
public sealed record TrackSample(long Requests, long Errors, ImmutableArray<long> Latency)
{
    /// <summary>No requests.</summary>
    public static TrackSample Empty { get; } = new(0, 0, ImmutableArray.Create(new long[LatencyBuckets.Count]));

    /// <summary>Errors in percent of requests, 0 without requests.</summary>
    public double ErrorRatePercent => Requests == 0 ? 0 : 100.0 * Errors / Requests;

    /// <summary>The p99 latency in milliseconds (bucket upper bound), null without requests.</summary>
    public double? P99Milliseconds => LatencyBuckets.Quantile(Latency.AsSpan(), 0.99);

    /// <summary>What happened after <paramref name="earlier"/>, a cumulative sample of the same process.</summary>
    public TrackSample Minus(TrackSample earlier) => Combine(earlier, -1);

    /// <summary>This and <paramref name="other"/> together (another replica's figures for the same interval).</summary>
    public TrackSample Plus(TrackSample other) => Combine(other, 1);

    private TrackSample Combine(TrackSample other, int sign)
    {
        var latency = new long[LatencyBuckets.Count];
        for (var i = 0; i < latency.Length; i++)
        {
            latency[i] = At(Latency, i) + (sign * At(other.Latency, i));
        }

        return new TrackSample(Requests + (sign * other.Requests), Errors + (sign * other.Errors), ImmutableArray.Create(latency));
    }

    private static long At(ImmutableArray<long> buckets, int i) => !buckets.IsDefault && i < buckets.Length ? buckets[i] : 0;
}
