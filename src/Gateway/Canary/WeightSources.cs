namespace Gateway.Canary;

/// <summary>The weight sources by precedence: the first with a weight decides; the last always has one.</summary>
internal static class WeightSources
{
    public static IReadOnlyList<IWeightSource> Ordered { get; } = [new ConfiguredWeight(), new ProportionalWeight()];

    /// <summary>The effective weight and the source it came from.</summary>
    public static (double Weight, IWeightSource Source) Resolve(CanarySettings settings, int stableReady, int canaryReady)
    {
        foreach (var source in Ordered)
        {
            if (source.Weigh(settings, stableReady, canaryReady) is { } weight)
            {
                return (weight, source);
            }
        }

        throw new InvalidOperationException("The last weight source always has a weight.");
    }
}
