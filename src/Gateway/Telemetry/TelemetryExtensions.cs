using Gateway.Configuration;
using Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

/// <summary>Registers the gateway's metrics, traces and request statistics.</summary>
public static class TelemetryExtensions
{
    /// <summary>The service name reported to OpenTelemetry.</summary>
    public const string ServiceName = "canary-gateway";

    /// <summary>Adds the <c>Gateway</c> meter, the rolling request statistics and, unless disabled, OpenTelemetry.</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestStatistics>();

        services.AddGatewaySettings<TelemetryOptions>(configuration, TelemetryOptions.SectionName, _ => new TelemetryOptionsValidator());
        var options = GatewaySettings.BindOrDefault<TelemetryOptions>(configuration, TelemetryOptions.SectionName);
        // Invalid settings are reported by validation, which runs after every feature registered; the sampler would
        // throw on a bad ratio right here, deep in registration.
        if (!options.Enabled || new TelemetryOptionsValidator().Validate(null, options).Failed)
        {
            return services;
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation()
                // YARP forwards through HttpMessageInvoker: the outgoing span, whose context reaches the pod in traceparent.
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        // Management calls (probes, scrapes, the dashboard's polling) are not traced.
        services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<ListenerRegistry>((aspnet, listeners) =>
            aspnet.Filter = context => !listeners.IsManagementPort(context.Connection.LocalPort));

        // The standard variable (the Aspire dashboard sets it for the gateway it starts).
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return services;
    }
}
