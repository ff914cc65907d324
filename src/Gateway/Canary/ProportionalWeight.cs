namespace Gateway.Canary;

/// <summary>Canary / (stable + canary) ready pods, as a plain Kubernetes Service would split (3:1 → 25 %); 0 without pods.</summary>
internal sealed class ProportionalWeight : IWeightSource
{
    public WeightSource Source => WeightSource.Proportional;

    public string Name => "proportional";

    public double? Weigh(CanarySettings settings, int stableReady, int canaryReady) =>
        stableReady + canaryReady == 0 ? 0d : 100d * canaryReady / (stableReady + canaryReady);
}
