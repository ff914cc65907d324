namespace Gateway.Discovery;

/// <summary>The discovery settings at the root of the <c>Gateway</c> section.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway";

    /// <summary><c>Gateway:Discovery</c>: Static (default) or Kubernetes.</summary>
    public DiscoveryMode Discovery { get; set; } = DiscoveryMode.Static;

    /// <summary><c>Gateway:Kubernetes</c>.</summary>
    public KubernetesOptions Kubernetes { get; set; } = new();
}
