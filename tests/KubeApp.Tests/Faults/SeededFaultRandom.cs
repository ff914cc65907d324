using KubeApp.Faults;

namespace KubeApp.Tests.Faults;

/// <summary>Reproducible draws; the tests send requests one at a time, so one <see cref="Random"/> needs no lock.</summary>
internal sealed class SeededFaultRandom(int seed) : IFaultRandom
{
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();
}
