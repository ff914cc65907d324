namespace Gateway.Canary;

/// <summary>Where the effective canary weight came from (one <see cref="IWeightSource"/> each).</summary>
public enum WeightSource
{
    /// <summary><c>Gateway:Canary:Weight</c> was set.</summary>
    Configured,

    /// <summary>No weight was set: canary / (stable + canary) ready endpoints.</summary>
    Proportional,

    /// <summary>A rollout sets it: its current step, 100 when promoted, 0 when rolled back.</summary>
    Rollout,
}
