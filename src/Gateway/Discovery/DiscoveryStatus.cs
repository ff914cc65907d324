namespace Gateway.Discovery;

/// <summary>An immutable snapshot of discovery's state.</summary>
/// <param name="Namespace">The namespace watched (Kubernetes mode, after startup), else null.</param>
/// <param name="Services">One entry per watched Service; empty in Static mode.</param>
public sealed record DiscoveryStatus(string? Namespace, IReadOnlyList<ServiceWatchStatus> Services)
{
    /// <summary>Nothing watched (Static mode, or Kubernetes mode before it started).</summary>
    public static DiscoveryStatus None { get; } = new(null, []);
}
