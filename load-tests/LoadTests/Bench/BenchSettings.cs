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

    /// <summary>Also measure TLS termination: HTTPS over HTTP/1.1 (wrk) and HTTP/2 (h2load) at the gateway, nginx and bare YARP.</summary>
    public bool Tls { get; init; }

    /// <summary>Measure only the TLS targets (implies <see cref="Tls"/>); plain nginx is not started.</summary>
    public bool TlsOnly { get; init; }

    /// <summary>nginx's TLS configuration; default <c>../shared/bench/nginx-canary-tls.conf</c> beside the checkout.</summary>
    public string? NginxTlsConfig { get; init; }

    /// <summary>The gateway's HTTPS listener (gateway port + 3).</summary>
    public int GatewayHttpsPort { get; init; } = 18583;

    /// <summary>Bare YARP's HTTPS listener (gateway port + 4).</summary>
    public int BareYarpHttpsPort { get; init; } = 18584;

    /// <summary>h2load connections; with <see cref="H2Streams"/> each, as many requests in flight as <see cref="Connections"/> by default.</summary>
    public int H2Clients { get; init; } = 4;

    /// <summary>Concurrent streams per h2load connection.</summary>
    public int H2Streams { get; init; } = 16;

    /// <summary>Whether the plain-HTTP targets are measured.</summary>
    public bool MeasuresPlain => !TlsOnly;

    /// <summary>Whether the TLS targets are measured.</summary>
    public bool MeasuresTls => Tls || TlsOnly;

    /// <summary>What is wrong with these settings, in one line naming the options; null when they can run.</summary>
    public string? Problem()
    {
        if (Rounds < 1 || RoundDuration < TimeSpan.FromSeconds(1) || Connections < 1 || WrkThreads < 1)
        {
            return "--rounds, --connections and --wrk-threads must be at least 1, --round-duration at least 1 s";
        }

        if (H2Clients < 1 || H2Streams < 1)
        {
            return "--h2-clients and --h2-streams must be at least 1";
        }

        if (NginxTlsConfig is not null && !MeasuresTls)
        {
            return "--nginx-tls-conf needs --tls or --tls-only";
        }

        int[] ports = MeasuresTls ? [GatewayPort, ManagementPort, BareYarpPort, GatewayHttpsPort, BareYarpHttpsPort] : [GatewayPort, ManagementPort, BareYarpPort];
        if (ports.Any(p => p is < 1 or > 65535))
        {
            return $"--gateway-port {GatewayPort}: the bench uses it and the next {ports.Length - 1} ports, which must all be between 1 and 65535";
        }

        int[] nginxPorts = [.. MeasuresPlain ? [BenchTopology.NginxPort] : Array.Empty<int>(), .. MeasuresTls ? [BenchTopology.NginxTlsPort] : Array.Empty<int>()];
        if (ports.Intersect(nginxPorts).Any())
        {
            return $"--gateway-port {GatewayPort}: the bench uses it and the next {ports.Length - 1} ports, which must not include nginx's {string.Join(" or ", nginxPorts)}";
        }

        return null;
    }
}
