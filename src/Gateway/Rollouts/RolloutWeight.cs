using Gateway.Canary;

namespace Gateway.Rollouts;

/// <summary>The weight a rollout sets (its step, 100 promoted, 0 rolled back), ahead of the configured one; none while idle.</summary>
internal sealed class RolloutWeight : IWeightSource
{
    // NaN: no rollout weight. A double is read and written atomically on 64-bit platforms.
    private double _weight = double.NaN;

    public event Action? Changed;

    public WeightSource Source => WeightSource.Rollout;

    public string Name => "rollout";

    public double? Weigh(CanarySettings settings, int stableReady, int canaryReady) =>
        Volatile.Read(ref _weight) is var weight && double.IsNaN(weight) ? null : weight;

    /// <summary>Sets the weight (null: the configured weight applies) and rebuilds the routing rules when it changed.</summary>
    public void Set(double? weight)
    {
        var value = weight ?? double.NaN;
        var previous = Interlocked.Exchange(ref _weight, value);
        if (!previous.Equals(value))
        {
            Changed?.Invoke();
        }
    }
}
