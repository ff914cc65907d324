using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KubeApp.Telemetry;

/// <summary>OpenTelemetry for the app: ASP.NET Core traces and metrics, exported over OTLP when configured.</summary>
internal static class KubeAppTelemetryExtensions
{
    public static IServiceCollection AddKubeAppTelemetry(this IServiceCollection services, IConfiguration configuration, string version)
    {
        // The standard variable, as read by the OTLP exporter itself (the Aspire dashboard sets it). Without an
        // exporter there is nowhere to send spans and metrics, so the SDK is not started: recording every request
        // for nobody costs the app a measurable share of its throughput.
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("kubeapp", serviceVersion: version))
            // The incoming W3C traceparent (set by the gateway) becomes the parent, so one trace spans gateway → pod.
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
