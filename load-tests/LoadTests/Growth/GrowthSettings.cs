namespace LoadTests.Growth;

/// <summary>What <c>growth</c> runs.</summary>
internal sealed record GrowthSettings
{
    /// <summary>The checkout (the folder holding Gateway.sln).</summary>
    public required string RepoRoot { get; init; }

    /// <summary>Static destinations of the large gateway (the small one has 4).</summary>
    public int Endpoints { get; init; } = 1000;

    /// <summary>Distinct users of the many-users target (the others have <see cref="UserSet.Returning"/>'s 100).</summary>
    public int Users { get; init; } = 100_000;

    public int Rounds { get; init; } = 5;

    public TimeSpan RoundDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Per target, before the rounds: long enough for tiered JIT to reach its optimised code (≥ 10 s).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Connections { get; init; } = 64;

    public int WrkThreads { get; init; } = 2;

    /// <summary>
    /// The first gateway's public port on 127.0.0.1; each gateway takes two ports (public, then management), so the
    /// three use this port up to this port + 5.
    /// </summary>
    public int BasePort { get; init; } = 18600;

    public double Weight { get; init; } = 25;

    /// <summary>A cost ratio up to 1 + this percent counts as flat in the "flat?" column (the exit code ignores it).</summary>
    public double TolerancePercent { get; init; } = 10;

    /// <summary>Run <c>dotnet build -c Release</c> of the gateway and KubeApp first.</summary>
    public bool Build { get; init; } = true;

    /// <summary>The small gateway's destinations: 3 stable + 1 canary, as <c>bench</c>.</summary>
    public const int SmallEndpoints = PodLayout.StableProcesses + 1;

    /// <summary>The greatest users count (a pre-built request each, in every wrk thread).</summary>
    public const int MaxUsers = 1_000_000;

    /// <summary>The first problem with these settings, as one line naming the option, or null.</summary>
    public string? Validate()
    {
        if (Endpoints <= SmallEndpoints || Endpoints > 10_000)
        {
            return $"--endpoints must be between {SmallEndpoints + 1} and 10000, got {Endpoints}";
        }

        if (Users <= UserSet.Returning.Count || Users > MaxUsers)
        {
            return $"--users must be between {UserSet.Returning.Count + 1} and {MaxUsers}, got {Users}";
        }

        if (Rounds < 1 || Connections < 1 || WrkThreads < 1)
        {
            return "--rounds, --connections and --wrk-threads must be at least 1";
        }

        if (WrkThreads > Connections || WrkThreads > UserSet.Returning.Count)
        {
            return $"--wrk-threads must not exceed --connections or {UserSet.Returning.Count} (each thread needs a connection and users of its own), got {WrkThreads}";
        }

        if (RoundDuration < TimeSpan.FromSeconds(1) || Warmup < TimeSpan.Zero)
        {
            return "--round-duration must be at least 1 s and --warmup not negative";
        }

        if (BasePort < 1024 || BasePort + 5 > 65535)
        {
            return $"--base-port must be between 1024 and 65530, got {BasePort}";
        }

        return TolerancePercent is < 0 or > 1000 ? $"--tolerance must be between 0 and 1000 (percent), got {TolerancePercent}" : null;
    }
}
