namespace LoadTests.Statistics;

/// <summary>Figures of one group of users (e.g. "split", "cookie canary=always"); mutated only under <see cref="RunStatistics"/>' lock.</summary>
internal sealed class GroupStatistics(string name, Expectation expectation)
{
    public string Name { get; } = name;

    public Expectation Expectation { get; } = expectation;

    public long UsersStarted { get; set; }

    public long UsersFinished { get; set; }

    /// <summary>Users whose first answer named a version (the denominator of user shares).</summary>
    public long UsersWithVersion => VersionUsers.Values.Sum();

    /// <summary>Users that saw more than one version.</summary>
    public long StickinessViolations { get; set; }

    /// <summary>Users that saw a version their forced track forbids.</summary>
    public long ForcedViolationUsers { get; set; }

    public long ForcedViolationRequests { get; set; }

    /// <summary>Requests that completed or failed (not those cut off by the end of the run).</summary>
    public long Requests { get; set; }

    public long ErrorRequests { get; set; }

    /// <summary>Answers without an <c>X-Canary-Track</c> header (normal when the target is not the gateway).</summary>
    public long TrackHeaderMissing { get; set; }

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests per version named in the body.</summary>
    public Dictionary<string, long> VersionRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>Users per version of their first answer.</summary>
    public Dictionary<string, long> VersionUsers { get; } = new(StringComparer.Ordinal);

    public LatencyHistogram Latency { get; } = new();

    public Dictionary<string, LatencyHistogram> VersionLatency { get; } = new(StringComparer.Ordinal);
}
