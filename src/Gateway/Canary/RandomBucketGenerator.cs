namespace Gateway.Canary;

/// <summary>Uniform buckets from <see cref="Random.Shared"/> (thread-safe, lock-free).</summary>
internal sealed class RandomBucketGenerator : IBucketGenerator
{
    public int NextBucket() => Random.Shared.Next(CanaryRules.BucketCount);
}
