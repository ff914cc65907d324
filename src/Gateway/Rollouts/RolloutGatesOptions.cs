namespace Gateway.Rollouts;

/// <summary>The limits a check holds the canary to (<c>Gateway:Rollout:Gates</c>).</summary>
public sealed class RolloutGatesOptions
{
    /// <summary>Percent of canary requests answered 5xx or failed in transport. Default 1.</summary>
    public double MaxErrorRate { get; set; } = 1;

    /// <summary>Canary p99 latency. Default 500 ms.</summary>
    public TimeSpan MaxP99 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Canary p99 at most stable's p99 times this (only when stable had at least <c>MinRequests</c>). Default 1.5.</summary>
    public double MaxP99OverStable { get; set; } = 1.5;
}
