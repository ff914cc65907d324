namespace Gateway.Canary;

/// <summary>
/// One way of setting the canary weight. The first that has a weight decides: the sources features register in the
/// container (a rollout's current step) come before <see cref="WeightSources.Ordered"/> (configured, proportional).
/// </summary>
internal interface IWeightSource
{
    /// <summary>Reported in the reload log and by <c>CanaryRules.WeightSource</c>.</summary>
    WeightSource Source { get; }

    /// <summary>The <c>/status</c> name: <c>configured</c>, <c>proportional</c>, <c>rollout</c>.</summary>
    string Name { get; }

    /// <summary>The weight (0–100) from this source, or null when it has none and the next source decides.</summary>
    /// <param name="settings">The routing settings in effect.</param>
    /// <param name="stableReady">Ready stable pods.</param>
    /// <param name="canaryReady">Ready canary pods.</param>
    double? Weigh(CanarySettings settings, int stableReady, int canaryReady);

    /// <summary>
    /// Raised when this source's weight changed by itself (a rollout moved to another step), so the rules are rebuilt.
    /// Sources that only follow the settings and the endpoints never raise it.
    /// </summary>
    event Action? Changed
    {
        add { }
        remove { }
    }
}
