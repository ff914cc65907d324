namespace Gateway.Rollouts;

/// <summary>Both tracks' <see cref="TrackSample"/>s: cumulative since a process started, or one interval's.</summary>
public sealed record TrafficSample(TrackSample Stable, TrackSample Canary)
{
    /// <summary>No requests on either track.</summary>
    public static TrafficSample Empty { get; } = new(TrackSample.Empty, TrackSample.Empty);

    /// <summary>What happened after <paramref name="earlier"/>.</summary>
    public TrafficSample Minus(TrafficSample earlier) => new(Stable.Minus(earlier.Stable), Canary.Minus(earlier.Canary));

    /// <summary>This and <paramref name="other"/> together.</summary>
    public TrafficSample Plus(TrafficSample other) => new(Stable.Plus(other.Stable), Canary.Plus(other.Canary));
}
