namespace KubeApp.Faults;

/// <summary>Draws from <see cref="Random.Shared"/> (thread-safe, lock-free).</summary>
internal sealed class SharedFaultRandom : IFaultRandom
{
    public double NextDouble() => Random.Shared.NextDouble();
}
