namespace Gateway.Canary;

/// <summary>The weight sources by precedence: the first with a weight decides; the last always has one.</summary>
internal static class WeightSources
{
    /// <summary>The sources every gateway has: the configured weight, else proportional.</summary>
    public static IReadOnlyList<IWeightSource> Ordered { get; } = [new ConfiguredWeight(), new ProportionalWeight()];

    /// <summary>
    /// <paramref name="ahead"/> (registered by features, e.g. a rollout's current step) before <see cref="Ordered"/>.
    /// </summary>
    public static IReadOnlyList<IWeightSource> With(IEnumerable<IWeightSource> ahead) => [.. ahead, .. Ordered];

    /// <summary>The effective weight and the source it came from, among <see cref="Ordered"/>.</summary>
    public static (double Weight, IWeightSource Source) Resolve(CanarySettings settings, int stableReady, int canaryReady) =>
        Resolve(Ordered, settings, stableReady, canaryReady);

    /// <summary>The effective weight and the source it came from, among <paramref name="sources"/>.</summary>
    public static (double Weight, IWeightSource Source) Resolve(IReadOnlyList<IWeightSource> sources, CanarySettings settings, int stableReady, int canaryReady)
    {
        foreach (var source in sources)
        {
            if (source.Weigh(settings, stableReady, canaryReady) is { } weight)
            {
                return (weight, source);
            }
        }

        throw new InvalidOperationException("The last weight source always has a weight.");
    }
}
