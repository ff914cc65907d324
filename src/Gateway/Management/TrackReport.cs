namespace Gateway.Management;

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
