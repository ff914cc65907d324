using System.Collections.Immutable;
using Gateway.Tracks;
using Microsoft.Extensions.Options;

namespace Gateway.Discovery;

/// <summary>Static mode: the configured destinations are the endpoints, all ready, synced from the start.</summary>
internal sealed class StaticDiscovery : IEndpointDiscovery
{
    public DiscoveryMode Mode => DiscoveryMode.Static;

    public DiscoveryStatus Status => DiscoveryStatus.None;

    /// <summary>A catalog holding the configured destinations from the start: they never change.</summary>
    public static EndpointCatalog CreateCatalog(IOptions<TracksOptions> tracks)
    {
        var catalog = new EndpointCatalog();
        catalog.Publish(CreateSnapshot(tracks.Value));
        return catalog;
    }

    public static EndpointSnapshot CreateSnapshot(TracksOptions tracks) => new()
    {
        Stable = ToEndpoints(Track.Stable, tracks.Stable.Destinations),
        Canary = ToEndpoints(Track.Canary, tracks.Canary.Destinations),
        StableSynced = true,
        CanarySynced = true,
    };

    private static ImmutableArray<TrackEndpoint> ToEndpoints(Track track, List<string> destinations)
    {
        var builder = ImmutableArray.CreateBuilder<TrackEndpoint>(destinations.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var destination in destinations)
        {
            var endpoint = new TrackEndpoint(track, new Uri(destination, UriKind.Absolute), Ready: true);
            if (seen.Add(endpoint.Id))
            {
                builder.Add(endpoint);
            }
        }

        return builder.ToImmutable();
    }
}
