using Microsoft.Extensions.DependencyInjection;

namespace KubeApp.Tests;

public sealed class KubeAppServerTests
{
    [Fact]
    public async Task Build_NoUrlsGiven_ListensOnPort8080OnAllInterfaces()
    {
        await using var app = KubeAppServer.Build([]);

        Assert.Equal(KubeAppServer.DefaultUrl, app.Configuration["urls"]);
        Assert.Equal("http://*:8080", KubeAppServer.DefaultUrl);
    }

    [Fact]
    public async Task Build_UrlsGiven_UsesThem()
    {
        await using var app = KubeAppServer.Build(["--urls", "http://127.0.0.1:5555"]);

        Assert.Equal("http://127.0.0.1:5555", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_OtlpEndpointSet_StartsOpenTelemetry()
    {
        await using var app = KubeAppServer.Build(["--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317"]);

        Assert.NotNull(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public async Task Build_NoOtlpEndpoint_RecordsNothing()
    {
        await using var app = KubeAppServer.Build([]);

        Assert.Null(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }
}
