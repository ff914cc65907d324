namespace Gateway.Management;

/// <summary>The JSON document served at <c>/status</c>.</summary>
public sealed record StatusReport(
    DateTimeOffset Time,
    bool Ready,
    WeightReport Weight,
    double? ObservedCanaryShare,
    TrackReport Stable,
    TrackReport Canary,
    DiscoveryReport Discovery);

/// <summary>The effective canary weight and where it came from.</summary>
public sealed record WeightReport(double Effective, double? Configured, string Source);

/// <summary>One track: its endpoints and its traffic over the last minute.</summary>
public sealed record TrackReport(
    string Name,
    int ReadyEndpoints,
    IReadOnlyList<EndpointReport> Endpoints,
    long Requests,
    long Errors,
    double ErrorRate,
    double RequestsPerSecond,
    double? P99Milliseconds);

/// <summary>One endpoint as discovery and passive health see it.</summary>
public sealed record EndpointReport(string Id, string Address, bool Ready, bool Healthy);

/// <summary>Discovery state; <see cref="Services"/> is empty in Static mode.</summary>
public sealed record DiscoveryReport(string Mode, bool Synced, string? Namespace, IReadOnlyList<ServiceReport> Services);

/// <summary>The watch of one Service (Kubernetes mode).</summary>
public sealed record ServiceReport(string Track, string Service, bool Synced, string? ResourceVersion, DateTimeOffset? LastEvent, int Reconnects, int Relists, string? LastError);
