using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// ASP.NET Core starts an Activity and a log scope for every request whenever its request logger
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) is on at any level — and the call to the pod then gets a child
/// Activity and a rewritten traceparent — about a tenth of the gateway's CPU per request, for log lines nobody
/// sees at the shipped Warning level. The shipped appsettings.json turns that logger off; a user can turn it back on.
/// </summary>
public sealed class HostingLogSettingsTests
{
    private const string HostingLogger = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly string[] Minimal =
    [
        "--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.1:1",
        "--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.1:2",
    ];

    [Fact]
    public async Task ShippedSettings_RequestLoggerOff_TheGatewaysOwnLogsOn()
    {
        await using var app = GatewayApp.Build(Minimal);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        // IsEnabled(Critical) is exactly what ASP.NET Core asks before creating the Activity and the scope.
        Assert.False(loggers.CreateLogger(HostingLogger).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Gateway.Discovery.StaticDiscovery").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task RequestLoggerAskedFor_IsOn()
    {
        await using var app = GatewayApp.Build([.. Minimal, $"--Logging:LogLevel:{HostingLogger}=Information"]);

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingLogger).IsEnabled(LogLevel.Information));
    }
}
