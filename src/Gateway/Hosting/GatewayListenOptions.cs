namespace Gateway.Hosting;

/// <summary>Listening addresses (<c>Gateway:Listen</c>). An empty string disables a listener.</summary>
public sealed class GatewayListenOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Listen";

    /// <summary>Public HTTP. Default <c>http://*:8080</c>.</summary>
    public string Http { get; set; } = "http://*:8080";

    /// <summary>Public HTTPS, bound only when TLS is configured. Default <c>https://*:8443</c>.</summary>
    public string Https { get; set; } = "https://*:8443";

    /// <summary>Management (health, readiness, metrics, status, dashboard). Default <c>http://*:9090</c>.</summary>
    public string Management { get; set; } = "http://*:9090";
}
