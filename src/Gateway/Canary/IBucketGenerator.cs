namespace Gateway.Canary;

/// <summary>Draws sticky buckets for new users; replaced by a seeded generator in tests.</summary>
public interface IBucketGenerator
{
    /// <summary>A uniformly random bucket in [0, 10000).</summary>
    int NextBucket();
}
