using Gateway.Canary;

namespace Gateway.Tests.Infrastructure;

/// <summary>Draws the same bucket every time, so a test can tell a drawn bucket from one the client sent.</summary>
public sealed class FixedBucket(int bucket) : IBucketGenerator
{
    public int NextBucket() => bucket;
}
