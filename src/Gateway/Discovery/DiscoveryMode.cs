namespace Gateway.Discovery;

/// <summary>Where the gateway finds the pods of each track (<c>Gateway:Discovery</c>).</summary>
public enum DiscoveryMode
{
    /// <summary>Fixed destination URLs from <c>Gateway:Tracks:*:Destinations</c> (the default; no cluster needed).</summary>
    Static,

    /// <summary>EndpointSlices of <c>Gateway:Tracks:*:Service</c>, watched through the Kubernetes API.</summary>
    Kubernetes,
}
