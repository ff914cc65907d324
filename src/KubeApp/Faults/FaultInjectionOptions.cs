namespace KubeApp.Faults;

/// <summary>
/// Opt-in faults for demos of automatic rollback: a share of requests answered 500 and a delay added to each.
/// Both default to off, and <c>/health</c> is never touched, so a faulty pod stays ready as a bad release would.
/// </summary>
internal sealed record FaultInjectionOptions
{
    /// <summary>Environment variable (or configuration key) holding <see cref="FailureRate"/>.</summary>
    public const string FailureRateKey = "KUBEAPP_FAILURE_RATE";

    /// <summary>Environment variable (or configuration key) holding <see cref="ExtraLatency"/> in milliseconds.</summary>
    public const string ExtraLatencyKey = "KUBEAPP_EXTRA_LATENCY";

    /// <summary>No faults: the app behaves exactly as the original.</summary>
    public static FaultInjectionOptions None { get; } = new();

    /// <summary>Fraction 0–1 of requests (other than <c>/health</c>) answered 500. Default 0.</summary>
    public double FailureRate { get; init; }

    /// <summary>Delay added to every request other than <c>/health</c>, before it is answered. Default 0.</summary>
    public TimeSpan ExtraLatency { get; init; }

    /// <summary>Whether any fault is configured; when not, nothing is added to the request pipeline.</summary>
    public bool IsEnabled => FailureRate > 0 || ExtraLatency > TimeSpan.Zero;
}
