namespace Gateway.Tracks;

/// <summary>
/// The current <see cref="EndpointSnapshot"/>, written by discovery and read by the proxy configuration and the
/// canary rules. Readers get an immutable snapshot; writers replace it atomically and notify subscribers.
/// </summary>
public sealed class EndpointCatalog
{
    private EndpointSnapshot _current = EndpointSnapshot.Empty;

    /// <summary>Raised after <see cref="Current"/> changed, on the writer's thread.</summary>
    public event Action<EndpointSnapshot>? Changed;

    /// <summary>The latest snapshot.</summary>
    public EndpointSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="snapshot"/> if it differs from the current one.</summary>
    public void Publish(EndpointSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var previous = Interlocked.Exchange(ref _current, snapshot);
        if (!ReferenceEquals(previous, snapshot))
        {
            Changed?.Invoke(snapshot);
        }
    }
}
