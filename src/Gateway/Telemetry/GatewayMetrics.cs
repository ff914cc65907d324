using System.Diagnostics.Metrics;
using Gateway.Canary;
using Gateway.Tracks;

namespace Gateway.Telemetry;

/// <summary>The <c>Gateway</c> meter (DESIGN.md "Metrics").</summary>
internal sealed class GatewayMetrics
{
    /// <summary>The meter's name, to enable in OpenTelemetry.</summary>
    public const string MeterName = "Gateway";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private static readonly Track[] Tracks = [Track.Stable, Track.Canary];
    private static readonly RoutingReason[] Reasons = Enum.GetValues<RoutingReason>();

    // Every tag set a request records, built once: the request path indexes them instead of assembling tags and
    // looking names up per request (track × reason × status class for gateway.requests; track for the others).
    private static readonly KeyValuePair<string, object?>[][] RequestTags = BuildRequestTags();
    private static readonly KeyValuePair<string, object?>[][] TrackTags =
        [.. Tracks.Select(track => new KeyValuePair<string, object?>[] { new("track", TrackNames.Of(track)) })];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _discoveryEvents;
    private readonly Counter<long> _retries;

    public GatewayMetrics(IMeterFactory meterFactory, EndpointCatalog catalog, CanaryRulesProvider rules)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("gateway.requests", unit: "{request}", description: "Requests routed, by track, reason and status class.");
        _duration = meter.CreateHistogram<double>("gateway.request.duration", unit: "s", description: "Time from routing decision to response end, by track.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _discoveryEvents = meter.CreateCounter<long>("gateway.discovery.events", unit: "{event}", description: "Kubernetes discovery events, by type (added, modified, deleted, relist, error).");
        _retries = meter.CreateCounter<long>("gateway.retries", unit: "{request}", description: "Requests retried on another endpoint after failing before reaching a pod, by track.");
        meter.CreateObservableGauge("gateway.endpoints", () => ObserveEndpoints(catalog.Current), unit: "{endpoint}", description: "Endpoints known to discovery, by track and readiness.");
        // No unit: the Prometheus name must stay gateway_canary_weight (a "%" unit would append _percent).
        meter.CreateObservableGauge("gateway.canary.weight", () => rules.Current.EffectiveWeight, description: "Effective canary weight in percent (0-100).");
    }

    /// <summary>Records one finished request.</summary>
    public void RequestCompleted(Track track, RoutingReason reason, int statusCode, TimeSpan elapsed)
    {
        _requests.Add(1, RequestTags[RequestTagsIndex(track, reason, StatusClassIndex(statusCode))]);
        _duration.Record(elapsed.TotalSeconds, TrackTags[TrackIndex(track)]);
    }

    /// <summary>Records a request retried on another endpoint of <paramref name="track"/>.</summary>
    public void Retried(Track track) => _retries.Add(1, TrackTags[TrackIndex(track)]);

    /// <summary>Records a discovery event: added, modified, deleted, relist or error.</summary>
    public void DiscoveryEvent(string type) => _discoveryEvents.Add(1, new KeyValuePair<string, object?>("type", type));

    private static int TrackIndex(Track track) => track == Track.Canary ? 1 : 0;

    // 1xx for anything below 200 (0 included), 5xx for anything from 500 up, as before.
    private static int StatusClassIndex(int statusCode) => Math.Clamp(statusCode / 100, 1, 5) - 1;

    private static int RequestTagsIndex(Track track, RoutingReason reason, int statusClass)
    {
        // An unknown reason is tagged "fallback", as RoutingReasonNames names it.
        var reasonIndex = (uint)reason < (uint)Reasons.Length ? (int)reason : (int)RoutingReason.Fallback;
        return ((TrackIndex(track) * Reasons.Length) + reasonIndex) * StatusClasses.Length + statusClass;
    }

    private static KeyValuePair<string, object?>[][] BuildRequestTags()
    {
        var tags = new KeyValuePair<string, object?>[Tracks.Length * Reasons.Length * StatusClasses.Length][];
        foreach (var track in Tracks)
        {
            foreach (var reason in Reasons)
            {
                for (var statusClass = 0; statusClass < StatusClasses.Length; statusClass++)
                {
                    tags[RequestTagsIndex(track, reason, statusClass)] =
                        [new("track", TrackNames.Of(track)), new("reason", RoutingReasonNames.Of(reason)), new("status_class", StatusClasses[statusClass])];
                }
            }
        }

        return tags;
    }

    private static IEnumerable<Measurement<int>> ObserveEndpoints(EndpointSnapshot snapshot)
    {
        foreach (var track in Tracks)
        {
            var endpoints = snapshot.For(track);
            var ready = snapshot.ReadyCount(track);
            yield return new Measurement<int>(ready, new("track", TrackNames.Of(track)), new("ready", "true"));
            yield return new Measurement<int>(endpoints.Length - ready, new("track", TrackNames.Of(track)), new("ready", "false"));
        }
    }
}
