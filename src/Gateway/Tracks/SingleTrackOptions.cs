namespace Gateway.Tracks;

/// <summary>One track's backing pods and pinned hosts (<c>Gateway:Tracks:Stable</c> or <c>Gateway:Tracks:Canary</c>).</summary>
public sealed class SingleTrackOptions
{
    /// <summary>Kubernetes Service whose EndpointSlices back the track (Kubernetes mode).</summary>
    public string? Service { get; set; }

    /// <summary>Name of the EndpointSlice port to use; default: the slice's only port.</summary>
    public string? PortName { get; set; }

    /// <summary>Hosts pinned to this track. Null means the track's default (see <see cref="TracksOptions"/>).</summary>
    public List<string>? Hosts { get; set; }

    /// <summary>
    /// The Deployment that runs the track's pods, used by rollouts (promotion and Events). Null means the track's
    /// default: <c>kubeapp-production</c> for stable, <c>kubeapp-canary</c> for canary.
    /// </summary>
    public string? Deployment { get; set; }

    /// <summary>Fixed destination URLs such as <c>http://127.0.0.2:8080</c> (Static mode).</summary>
    public List<string> Destinations { get; set; } = [];
}
