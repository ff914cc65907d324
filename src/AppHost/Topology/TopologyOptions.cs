namespace AppHost.Topology;

/// <summary>
/// Where the local canary topology runs: one KubeApp process per "pod IP" of each track, and the gateway's listeners.
/// Bound from the <c>Topology</c> section of the app host's configuration (appsettings, <c>Topology__GatewayHttp=…</c>,
/// or <c>--Topology:GatewayHttp=…</c> on the command line).
/// </summary>
public sealed class TopologyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Topology";

    /// <summary>The three replicas of <c>kubeapp-production</c> in <c>k8s/</c>.</summary>
    public static IReadOnlyList<string> DefaultStablePods { get; } =
        ["http://127.0.0.2:8080", "http://127.0.0.3:8080", "http://127.0.0.4:8080"];

    /// <summary>The single replica of <c>kubeapp-canary</c> in <c>k8s/</c>.</summary>
    public static IReadOnlyList<string> DefaultCanaryPods { get; } = ["http://127.0.0.5:8080"];

    /// <summary>
    /// URLs of the stable pods, one KubeApp process each; every one an <c>http</c> URL on a 127.0.0.0/8 address with
    /// an explicit port. Unset: <see cref="DefaultStablePods"/>.
    /// </summary>
    /// <remarks>
    /// Nullable rather than pre-filled because the configuration binder appends to a list it finds filled, so
    /// <c>Topology:StablePods:0=…</c> alone would otherwise give four pods instead of one.
    /// </remarks>
    public string[]? StablePods { get; set; }

    /// <summary>URLs of the canary pods, as <see cref="StablePods"/>. Unset: <see cref="DefaultCanaryPods"/>.</summary>
    public string[]? CanaryPods { get; set; }

    /// <summary>Version the stable pods report (<c>KUBEAPP_VERSION</c>). Default <c>1.0</c>.</summary>
    public string StableVersion { get; set; } = "1.0";

    /// <summary>Version the canary pods report (<c>KUBEAPP_VERSION</c>). Default <c>2.0</c>.</summary>
    public string CanaryVersion { get; set; } = "2.0";

    /// <summary>The gateway's public HTTP listener (<c>Gateway:Listen:Http</c>). Default <c>http://127.0.0.1:8080</c>.</summary>
    public string GatewayHttp { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The gateway's public HTTPS listener (<c>Gateway:Listen:Https</c>) with a certificate generated at startup
    /// (<c>Gateway:Tls:SelfSigned</c>). Default <c>https://127.0.0.1:8443</c>; empty leaves HTTPS off.
    /// </summary>
    public string GatewayHttps { get; set; } = "https://127.0.0.1:8443";

    /// <summary>The gateway's management listener (<c>Gateway:Listen:Management</c>). Default <c>http://127.0.0.1:9090</c>.</summary>
    public string GatewayManagement { get; set; } = "http://127.0.0.1:9090";

    /// <summary>
    /// <c>Gateway:Canary:Weight</c>, a percentage 0–100. Default 25. Set it empty to leave the weight out, so the
    /// gateway splits in proportion to the pods (canary / all) as a plain Kubernetes Service would.
    /// </summary>
    public decimal? CanaryWeight { get; set; } = 25;

    /// <summary>
    /// Turns on the gateway's multi-stage rollout (<c>Gateway:Rollout</c>) with timings short enough for a demo (steps
    /// 10, 25, 50, 100 %, a check every 5 s, two passing checks per step), a canary weight of 0 while no rollout runs
    /// (so <see cref="CanaryWeight"/> is not used), and a management token made for this run and printed once the
    /// gateway is ready. Default false.
    /// </summary>
    public bool Rollout { get; set; }

    /// <summary>
    /// Fraction 0–1 of the canary pods' requests (other than <c>/health</c>) answered 500, through KubeApp's
    /// <c>KUBEAPP_FAILURE_RATE</c>: a bad release for the rollout to catch. Default: unset (0).
    /// </summary>
    public decimal? CanaryFailureRate { get; set; }

    /// <summary>
    /// Milliseconds the canary pods add to every request other than <c>/health</c> (<c>KUBEAPP_EXTRA_LATENCY</c>).
    /// Default: unset (0).
    /// </summary>
    public int? CanaryExtraLatency { get; set; }

    /// <summary>The stable pods in effect: <see cref="StablePods"/> or the default.</summary>
    internal IReadOnlyList<string> EffectiveStablePods => StablePods ?? DefaultStablePods;

    /// <summary>The canary pods in effect: <see cref="CanaryPods"/> or the default.</summary>
    internal IReadOnlyList<string> EffectiveCanaryPods => CanaryPods ?? DefaultCanaryPods;
}
