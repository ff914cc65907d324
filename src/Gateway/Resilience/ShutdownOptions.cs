namespace Gateway.Resilience;

/// <summary>Graceful shutdown (<c>Gateway:Shutdown</c>), as on a rolling update of the gateway.</summary>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Shutdown";

    /// <summary>
    /// After SIGTERM, how long the gateway keeps serving with <c>/readyz</c> answering 503, so Kubernetes removes it
    /// from the Service before it stops accepting connections. Default 5 s.
    /// </summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Then, how long in-flight requests may take to finish before the process exits anyway. Default 20 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
