namespace Gateway.Proxy;

/// <summary>How the gateway connects to pods (<c>Gateway:Proxy</c>).</summary>
public sealed class ProxyOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Proxy";

    /// <summary>
    /// How long a new connection to a pod may take before the attempt is abandoned and the request retried on
    /// another endpoint of its track (nothing was sent, so any method is safe). Must be positive. Default 2 s, where
    /// YARP's own default is 15 s: a pod that stops accepting would otherwise cost each request 15 s and a 504.
    /// Read at startup.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
