namespace Gateway.Telemetry;

/// <summary>OpenTelemetry settings (<c>Gateway:Telemetry</c>). OTLP export follows the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Telemetry";

    /// <summary>Record traces and export metrics (Prometheus, OTLP). Default true; false measures the proxy alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of traces started at the gateway that are recorded (parent-based: a sampled caller is always followed). Default 1.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;
}
