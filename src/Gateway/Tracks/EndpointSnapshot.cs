using System.Collections.Immutable;

namespace Gateway.Tracks;

/// <summary>An immutable view of both tracks' endpoints; discovery publishes a new one on every change.</summary>
public sealed record EndpointSnapshot
{
    /// <summary>No endpoints, nothing synced yet.</summary>
    public static EndpointSnapshot Empty { get; } = new();

    /// <summary>Endpoints of the stable track (ready or not).</summary>
    public ImmutableArray<TrackEndpoint> Stable { get; init; } = [];

    /// <summary>Endpoints of the canary track (ready or not).</summary>
    public ImmutableArray<TrackEndpoint> Canary { get; init; } = [];

    /// <summary>Whether the stable track has been listed at least once.</summary>
    public bool StableSynced { get; init; }

    /// <summary>Whether the canary track has been listed at least once.</summary>
    public bool CanarySynced { get; init; }

    /// <summary>Both tracks listed at least once: the gateway is ready.</summary>
    public bool Synced => StableSynced && CanarySynced;

    /// <summary>Endpoints of <paramref name="track"/>.</summary>
    public ImmutableArray<TrackEndpoint> For(Track track) => track == Track.Canary ? Canary : Stable;

    /// <summary>Number of ready endpoints of <paramref name="track"/>.</summary>
    public int ReadyCount(Track track)
    {
        var count = 0;
        foreach (var endpoint in For(track))
        {
            count += endpoint.Ready ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Number of distinct ready pods of <paramref name="track"/>: what a plain Service splits by. A dual-stack Service
    /// lists each pod in an IPv4 and an IPv6 EndpointSlice, so counting addresses would count it twice. Endpoints
    /// that do not name their pod count one each.
    /// </summary>
    public int ReadyPodCount(Track track)
    {
        var unnamed = 0;
        HashSet<string>? pods = null;
        foreach (var endpoint in For(track))
        {
            if (!endpoint.Ready)
            {
                continue;
            }

            if (endpoint.Pod is null)
            {
                // Ids are unique within a track, so each of these is a different address.
                unnamed++;
            }
            else
            {
                (pods ??= new HashSet<string>(StringComparer.Ordinal)).Add(endpoint.Pod);
            }
        }

        return unnamed + (pods?.Count ?? 0);
    }
}
