namespace LoadTests.Bench;

/// <summary>What <c>bench</c> runs.</summary>
internal sealed record BenchSettings
{
    /// <summary>The checkout (the folder holding Gateway.sln).</summary>
    public required string RepoRoot { get; init; }

    /// <summary>nginx's configuration; default <c>../shared/bench/nginx-canary.conf</c> beside the checkout.</summary>
    public required string NginxConfig { get; init; }

    public int Rounds { get; init; } = 3;

    public TimeSpan RoundDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Per target, before the rounds: long enough for tiered JIT to reach its optimised code (≥ 10 s).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Connections { get; init; } = 64;

    /// <summary><c>auto</c> (wrk when installed), <c>wrk</c> or <c>internal</c>.</summary>
    public string Engine { get; init; } = "auto";

    public int WrkThreads { get; init; } = 2;

    public int GatewayPort { get; init; } = 18580;

    public int ManagementPort { get; init; } = 18581;

    /// <summary>The bare YARP forwarder, the cost floor (gateway port + 2).</summary>
    public int BareYarpPort { get; init; } = 18582;

    public double Weight { get; init; } = 25;

    /// <summary>Run <c>dotnet build -c Release</c> of the gateway and KubeApp first.</summary>
    public bool Build { get; init; } = true;

    /// <summary>Skip nginx even when it is installed.</summary>
    public bool SkipNginx { get; init; }
}
