namespace Gateway.Management;

/// <summary>The JSON document served at <c>/status</c>.</summary>
public sealed record StatusReport(
    DateTimeOffset Time,
    bool Ready,
    WeightReport Weight,
    double? ObservedCanaryShare,
    TrackReport Stable,
    TrackReport Canary,
    DiscoveryReport Discovery,
    RolloutReport? Rollout = null);
