namespace Gateway.Canary;

/// <summary><c>Gateway:Canary:Weight</c>, when set.</summary>
internal sealed class ConfiguredWeight : IWeightSource
{
    public WeightSource Source => WeightSource.Configured;

    public string Name => "configured";

    public double? Weigh(CanarySettings settings, int stableReady, int canaryReady) => settings.Weight;
}
