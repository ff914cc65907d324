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
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        // The standard variable (the Aspire dashboard sets it for the gateway it starts), and the only trace exporter.
        // Without it nobody reads spans, so tracing is not registered at all: recording an Activity per request and
        // per call to a pod for nobody costs a measurable share of throughput. A caller's traceparent still reaches
        // the pod: ASP.NET Core keeps an unrecorded Activity for its log scopes, continued from that header, and
        // SocketsHttpHandler sends a child of it (same trace id and flags) through YARP's ReverseProxyPropagator.
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        otel.WithTracing(tracing => tracing
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
            .AddAspNetCoreInstrumentation()
            // YARP forwards through HttpMessageInvoker: the outgoing span, whose context reaches the pod in traceparent.
            .AddHttpClientInstrumentation());

        // Management calls (probes, scrapes, the dashboard's polling) are not traced.
        services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<ListenerRegistry>((aspnet, listeners) =>
            aspnet.Filter = context => !listeners.IsManagementPort(context.Connection.LocalPort));

        otel.UseOtlpExporter();
        return services;
    }
}
