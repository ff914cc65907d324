namespace AppHost.Topology;

/// <summary>Names of the endpoints the topology declares; tests look endpoints up by them.</summary>
public static class EndpointNames
{
    /// <summary>A KubeApp pod's only endpoint, and the gateway's public HTTP listener.</summary>
    public const string Http = "http";

    /// <summary>The gateway's public HTTPS listener (self-signed certificate).</summary>
    public const string Https = "https";

    /// <summary>The gateway's management listener (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, <c>/status</c>).</summary>
    public const string Management = "management";
}
