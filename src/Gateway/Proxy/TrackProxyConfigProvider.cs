using Gateway.Tracks;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Turns the <see cref="EndpointCatalog"/> into YARP configuration: one catch-all route and one cluster holding every
/// ready endpoint, each destination tagged with its track. Follows YARP's InMemoryConfigProvider pattern: a new
/// immutable config per change, and the old one's change token is cancelled so YARP picks the new one up.
/// </summary>
internal sealed class TrackProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    /// <summary>The route's id.</summary>
    public const string RouteId = "tracks";

    /// <summary>The single cluster's id.</summary>
    public const string ClusterId = "tracks";

    private static readonly IReadOnlyList<RouteConfig> Routes =
    [
        new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "{**catch-all}" },
        },
    ];

    private readonly EndpointCatalog _catalog;
    private readonly Lock _updateLock = new();
    private volatile TrackProxyConfig _config;

    public TrackProxyConfigProvider(EndpointCatalog catalog)
    {
        _catalog = catalog;
        _config = new TrackProxyConfig(Routes, [BuildCluster(catalog.Current)]);
        _catalog.Changed += OnCatalogChanged;
    }

    public IProxyConfig GetConfig() => _config;

    public void Dispose() => _catalog.Changed -= OnCatalogChanged;

    internal static ClusterConfig BuildCluster(EndpointSnapshot snapshot)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        Add(destinations, snapshot.Stable, DestinationTrack.Metadata(Track.Stable));
        Add(destinations, snapshot.Canary, DestinationTrack.Metadata(Track.Canary));
        return new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = destinations,
            // Pods speak plain HTTP/1.1; asking for HTTP/2 first would only be downgraded on every connection.
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { Version = System.Net.HttpVersion.Version11, VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionOrLower },
            HealthCheck = new HealthCheckConfig
            {
                // Unhealthy endpoints are never used, not even in "panic" when all are unhealthy: the canary step
                // falls back to stable (or answers 503) instead of sending users to pods known to be failing.
                AvailableDestinationsPolicy = "HealthyAndUnknown",

                // Endpoints failing at the transport level (refused, reset) are taken out for a while and come back
                // on their own; thresholds in ProxyExtensions.
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
            },
        };
    }

    private static void Add(Dictionary<string, DestinationConfig> destinations, IEnumerable<TrackEndpoint> endpoints, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Ready)
            {
                destinations[endpoint.Id] = new DestinationConfig { Address = endpoint.Address.AbsoluteUri, Metadata = metadata };
            }
        }
    }

    private void OnCatalogChanged(EndpointSnapshot snapshot)
    {
        TrackProxyConfig previous;
        lock (_updateLock)
        {
            previous = _config;
            _config = new TrackProxyConfig(Routes, [BuildCluster(snapshot)]);
        }

        previous.SignalChange();
    }

    // The token source is cancelled, never disposed: YARP may still register on a replaced config's token
    // (as in YARP's own InMemoryConfigProvider).
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Cancelled, not disposed; see comment.")]
    private sealed class TrackProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();
    }
}
