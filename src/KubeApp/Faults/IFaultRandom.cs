namespace KubeApp.Faults;

/// <summary>Decides which requests fail; replaced by a seeded source in tests.</summary>
internal interface IFaultRandom
{
    /// <summary>A uniformly random number in [0, 1); a request fails when it is below the failure rate.</summary>
    double NextDouble();
}
