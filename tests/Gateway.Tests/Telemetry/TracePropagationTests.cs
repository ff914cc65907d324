using System.Diagnostics;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Telemetry;

/// <summary>One trace spans gateway → pod: the backend receives a traceparent carrying the gateway's trace id.</summary>
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
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url], [], builder =>
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

    [Fact]
    public async Task Request_WithCallerTraceparent_ContinuesCallersTrace()
    {
        string? traceparent = null;
        await using var backend = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(context =>
        {
            traceparent = context.Request.Headers["traceparent"];
            return context.Response.WriteAsync("ok");
        }));
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url]);
        using var client = gateway.CreateRawClient();
        const string callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
        request.Headers.Add("traceparent", $"00-{callerTrace}-00f067aa0ba902b7-01");
        using var response = await SendAsExternalClientAsync(client, request);

        Assert.Equal(callerTrace, traceparent?.Split('-')[1]);
        Assert.NotEqual("00f067aa0ba902b7", traceparent?.Split('-')[2]);
    }

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
