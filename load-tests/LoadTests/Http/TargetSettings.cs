namespace LoadTests.Http;

/// <summary>Where the virtual users send their requests, and how they recognise the versions.</summary>
internal sealed record TargetSettings
{
    /// <summary>The URL each request goes to, e.g. http://127.0.0.1:8080/ or https://foo.bar/version.</summary>
    public required Uri Url { get; init; }

    /// <summary>The Host header (and TLS server name) when it differs from the URL's host.</summary>
    public string? Host { get; init; }

    public IReadOnlyList<ResolveOverride> Resolve { get; init; } = [];

    /// <summary>PEM file of root certificates to trust instead of the system's.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>Accept any server certificate.</summary>
    public bool Insecure { get; init; }

    /// <summary>Per request, connect included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The version the canary serves (the body's "Version 2.0", or /version's "2.0").</summary>
    public string CanaryVersion { get; init; } = "2.0";

    /// <summary>The response header naming the track; a disagreement with the body is an error.</summary>
    public string TrackHeader { get; init; } = "X-Canary-Track";
}
