namespace Gateway.Tracks;

/// <summary>The two tracks (<c>Gateway:Tracks</c>).</summary>
public sealed class TracksOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Tracks";

    /// <summary>Default Service of the stable track.</summary>
    public const string DefaultStableService = "kubeapp-production-service";

    /// <summary>Default Service of the canary track.</summary>
    public const string DefaultCanaryService = "kubeapp-canary-service";

    /// <summary>Default Deployment of the stable track.</summary>
    public const string DefaultStableDeployment = "kubeapp-production";

    /// <summary>Default Deployment of the canary track.</summary>
    public const string DefaultCanaryDeployment = "kubeapp-canary";

    /// <summary>Default host pinned to the canary track.</summary>
    public const string DefaultCanaryHost = "canary.foo.bar";

    /// <summary>The stable track. Defaults: Service <c>kubeapp-production-service</c>, no pinned hosts.</summary>
    public SingleTrackOptions Stable { get; set; } = new();

    /// <summary>The canary track. Defaults: Service <c>kubeapp-canary-service</c>, host <c>canary.foo.bar</c>.</summary>
    public SingleTrackOptions Canary { get; set; } = new();

    /// <summary>Stable's Service, defaulted.</summary>
    public string StableService => string.IsNullOrWhiteSpace(Stable.Service) ? DefaultStableService : Stable.Service;

    /// <summary>Canary's Service, defaulted.</summary>
    public string CanaryService => string.IsNullOrWhiteSpace(Canary.Service) ? DefaultCanaryService : Canary.Service;

    /// <summary>Stable's Deployment, defaulted.</summary>
    public string StableDeployment => string.IsNullOrWhiteSpace(Stable.Deployment) ? DefaultStableDeployment : Stable.Deployment;

    /// <summary>Canary's Deployment, defaulted.</summary>
    public string CanaryDeployment => string.IsNullOrWhiteSpace(Canary.Deployment) ? DefaultCanaryDeployment : Canary.Deployment;

    /// <summary>
    /// Hosts pinned to stable. Hosts are bound without a default list because the configuration binder appends to
    /// pre-filled lists; an empty string entry (<c>Hosts__0=</c>) is how an environment variable says "none".
    /// </summary>
    public IReadOnlyList<string> StableHosts => NonEmpty(Stable.Hosts ?? []);

    /// <summary>Hosts pinned to canary (default <c>canary.foo.bar</c>).</summary>
    public IReadOnlyList<string> CanaryHosts => NonEmpty(Canary.Hosts ?? [DefaultCanaryHost]);

    private static List<string> NonEmpty(List<string> hosts) => hosts.FindAll(h => !string.IsNullOrWhiteSpace(h));
}
