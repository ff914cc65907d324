using Gateway.Canary;

namespace Gateway.Tests.Infrastructure;

/// <summary>Deterministic buckets for statistical tests (thread-safe: gateways serve requests concurrently).</summary>
public sealed class SeededBuckets(int seed) : IBucketGenerator
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public int NextBucket()
    {
        lock (_lock)
        {
            return _random.Next(CanaryRules.BucketCount);
        }
    }
}
