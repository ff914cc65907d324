using System.Diagnostics;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// One trace spans gateway → pod: the backend receives a traceparent carrying the gateway's trace id. The gateway
/// records spans only with a trace exporter (OTEL_EXPORTER_OTLP_ENDPOINT); without one a caller's trace still
/// reaches the pod.
/// </summary>
[Collection(SerialTests.Name)]
public sealed class TracePropagationTests
{
    [Fact]
    public async Task Request_TraceStartedAtGateway_BackendSeesSameTraceId()
    {
        string? traceparent = null;
        await using var backend = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(context =>
        {
            traceparent = context.Request.Headers["traceparent"];
            return context.Response.WriteAsync("ok");
        }));
        var spans = new List<Activity>();
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url], [UnreachableOtlpEndpoint()], builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        using var client = gateway.CreateRawClient();

        using var response = await SendAsExternalClientAsync(client, new HttpRequestMessage(HttpMethod.Get, "/traced") { Headers = { Host = "foo.bar" } });
        await gateway.Service<TracerProvider>().ForceFlushAsync();

        // The in-process backend is traced too (its span is a child); the gateway's server span is the root.
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == default);
        Assert.NotNull(traceparent);
        var parts = traceparent!.Split('-');
        Assert.Equal(server.TraceId.ToHexString(), parts[1]);
        Assert.NotEqual(server.SpanId.ToHexString(), parts[2]);
    }

    /// <summary>
    /// With logging on (the default), ASP.NET Core keeps an Activity per request for log scopes even without tracing,
    /// and the call to the pod carries a child of it; with logging off there is none and YARP copies the header as is.
    /// </summary>
    [Theory]
    [InlineData(false, false, "01")]
    [InlineData(false, false, "00")]
    [InlineData(false, true, "01")]
    [InlineData(false, true, "00")]
    [InlineData(true, false, "01")]
    [InlineData(true, false, "00")]
    [InlineData(true, true, "01")]
    [InlineData(true, true, "00")]
    public async Task Request_WithCallerTraceparent_PodContinuesCallersTrace(bool exporter, bool hostingLog, string flags)
    {
        string? traceparent = null;
        string? tracestate = null;
        await using var backend = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(context =>
        {
            traceparent = context.Request.Headers["traceparent"];
            tracestate = context.Request.Headers["tracestate"];
            return context.Response.WriteAsync("ok");
        }));
        var settings = new List<string>();
        if (exporter)
        {
            settings.Add(UnreachableOtlpEndpoint());
        }

        if (hostingLog)
        {
            // The test gateway logs nothing to the console; a deployed one logs Warning and up (so Critical is on).
            settings.Add("Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Critical");
        }

        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url], settings);
        using var client = gateway.CreateRawClient();
        const string callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
        request.Headers.Add("traceparent", $"00-{callerTrace}-00f067aa0ba902b7-{flags}");
        request.Headers.Add("tracestate", "vendor=abc");
        using var response = await SendAsExternalClientAsync(client, request);

        response.EnsureSuccessStatusCode();
        Assert.NotNull(traceparent);
        var parts = traceparent!.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal("00", parts[0]);
        Assert.Equal(callerTrace, parts[1]);
        // The pod's parent is the caller's span or the gateway's call to it (a child of it), with the caller's decision.
        Assert.Matches("^[0-9a-f]{16}$", parts[2]);
        Assert.NotEqual("0000000000000000", parts[2]);
        Assert.Equal(flags, parts[3]);
        Assert.Equal("vendor=abc", tracestate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tracing_IsRegisteredOnlyWithATraceExporter(bool exporter)
    {
        await using var gateway = await GatewayInstance.StartAsync(["http://127.0.0.1:1"], ["http://127.0.0.1:1"], exporter ? [UnreachableOtlpEndpoint()] : []);

        // Metrics are registered either way (Prometheus scrapes them); spans only when someone receives them.
        Assert.NotNull(gateway.App.Services.GetService<MeterProvider>());
        Assert.Equal(exporter, gateway.App.Services.GetService<TracerProvider>() is not null);
    }

    /// <summary>
    /// An OTLP endpoint nobody listens on: tracing is registered as with a collector, and exports fail quietly
    /// (the tests read spans through an in-memory exporter).
    /// </summary>
    private static string UnreachableOtlpEndpoint() =>
        $"OTEL_EXPORTER_OTLP_ENDPOINT=http://{TestSupport.Loopback.NextAddress(Backend.AddressRange, 4317)}:4317";

    /// <summary>
    /// The gateway's HttpClient instrumentation listens process-wide and would trace (and inject a traceparent into)
    /// the test's own request; an external client does neither.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsExternalClientAsync(HttpClient client, HttpRequestMessage request)
    {
        using var suppressed = OpenTelemetry.SuppressInstrumentationScope.Begin();
        return await client.SendAsync(request);
    }
}
