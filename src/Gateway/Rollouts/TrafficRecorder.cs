using System.Collections.Immutable;
using Gateway.Tracks;

namespace Gateway.Rollouts;

/// <summary>
/// Cumulative per-track requests, errors and latency buckets since the process started: what a rollout check
/// compares at the start and end of its interval. Recording is two interlocked increments at most, lock-free, and
/// nothing at all while rollouts are disabled.
/// </summary>
internal sealed class TrafficRecorder
{
    // Per track: [0] errors, [1..] latency buckets; requests are the buckets' sum, so not counted separately.
    private readonly long[][] _counts = [new long[LatencyBuckets.Count + 1], new long[LatencyBuckets.Count + 1]];
    private volatile bool _enabled;

    /// <summary>Whether requests are recorded (set while rollouts are enabled).</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Records one finished request.</summary>
    public void Record(Track track, int statusCode, TimeSpan elapsed)
    {
        if (!_enabled)
        {
            return;
        }

        var counts = _counts[(int)track];
        Interlocked.Increment(ref counts[1 + LatencyBuckets.IndexOf(elapsed)]);
        if (statusCode >= 500)
        {
            Interlocked.Increment(ref counts[0]);
        }
    }

    /// <summary>The cumulative counts now.</summary>
    public TrafficSample Read() => new(Read(Track.Stable), Read(Track.Canary));

    private TrackSample Read(Track track)
    {
        var counts = _counts[(int)track];

        // Errors first: a request enters its bucket before its error is counted, so every error read here has its
        // request in the buckets read next, and errors never exceed requests.
        var errors = Volatile.Read(ref counts[0]);
        var latency = new long[LatencyBuckets.Count];
        long requests = 0;
        for (var i = 0; i < latency.Length; i++)
        {
            latency[i] = Volatile.Read(ref counts[i + 1]);
            requests += latency[i];
        }

        return new TrackSample(requests, errors, ImmutableArray.Create(latency));
    }
}
