namespace Gateway.Discovery;

/// <summary>
/// Where the tracks' endpoints come from: one implementation per <see cref="DiscoveryMode"/>, registered by
/// <see cref="DiscoveryExtensions.AddEndpointDiscovery"/> (the only place the mode is checked). It publishes to the
/// <c>EndpointCatalog</c> and reports how it is doing for <c>/status</c>.
/// </summary>
public interface IEndpointDiscovery
{
    /// <summary>The mode this implementation serves.</summary>
    DiscoveryMode Mode { get; }

    /// <summary>The current state; an immutable snapshot, safe to read from any thread.</summary>
    DiscoveryStatus Status { get; }
}
