using KubeApp.Faults;
using KubeApp.Telemetry;

namespace KubeApp;

/// <summary>Builds the app; shared by <see cref="Program"/> and by tests that host it on a real socket.</summary>
internal static class KubeAppServer
{
    /// <summary>The original listens on :8080 on every interface.</summary>
    public const string DefaultUrl = "http://*:8080";

    /// <exception cref="KubeAppConfigurationException">A setting (<c>KUBEAPP_*</c>) is invalid.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // --urls, ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS (set by the official runtime images) win; else :8080.
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // No per-request log lines, even when started from a folder without its appsettings.json (as benchmarks do).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The Go server sends no Server header; neither do we.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var version = AppVersion.Resolve(builder.Configuration);
        var faults = FaultInjectionSettings.Read(builder.Configuration);
        builder.Services.AddKubeAppTelemetry(builder.Configuration, version);
        builder.Services.AddFaultInjection();

        var app = builder.Build();
        app.UseFaultInjection(faults, app.Logger);
        app.MapKubeApp(version);
        return app;
    }
}
