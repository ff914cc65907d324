using Gateway.Canary;
using Gateway.Discovery;
using Gateway.Proxy;
using Gateway.Rollouts;
using Gateway.Telemetry;
using Gateway.Tracks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Management;

/// <summary>Assembles <see cref="StatusReport"/> from discovery, the routing rules, YARP's health state and the request statistics.</summary>
internal sealed class StatusReportBuilder(
    EndpointCatalog catalog,
    CanaryRulesProvider rules,
    RequestStatistics statistics,
    IProxyStateLookup proxyState,
    IEndpointDiscovery discovery,
    TimeProvider time,
    RolloutController? rollouts = null)
{
    public StatusReport Build()
    {
        var snapshot = catalog.Current;
        var current = rules.Current;
        var stable = statistics.Snapshot(Track.Stable);
        var canary = statistics.Snapshot(Track.Canary);
        var total = stable.Requests + canary.Requests;
        proxyState.TryGetCluster(TrackProxyConfigProvider.ClusterId, out var cluster);

        return new StatusReport(
            time.GetUtcNow(),
            snapshot.Synced,
            new WeightReport(current.EffectiveWeight, current.Settings.Weight, current.WeightSourceName),
            total == 0 ? null : 100.0 * canary.Requests / total,
            TrackReportOf(Track.Stable, snapshot, stable, cluster),
            TrackReportOf(Track.Canary, snapshot, canary, cluster),
            Discovery(snapshot),
            Rollout());
    }

    private RolloutReport? Rollout() =>
        rollouts is { Options.Enabled: true } ? new RolloutReport(rollouts.State.Phase, rollouts.State.Step, rollouts.Self, rollouts.Leader, rollouts.StateSynced) : null;

    private static TrackReport TrackReportOf(Track track, EndpointSnapshot snapshot, TrackStatistics traffic, ClusterState? cluster)
    {
        var endpoints = snapshot.For(track).Select(e => new EndpointReport(e.Id, e.Address.AbsoluteUri, e.Ready, IsHealthy(cluster, e.Id))).ToArray();
        return new TrackReport(TrackNames.Of(track), snapshot.ReadyCount(track), endpoints, traffic.Requests, traffic.Errors, traffic.ErrorRate, traffic.RequestsPerSecond, traffic.P99Milliseconds);
    }

    private static bool IsHealthy(ClusterState? cluster, string id) =>
        cluster is null || !cluster.Destinations.TryGetValue(id, out var destination)
        || (destination.Health.Passive != DestinationHealth.Unhealthy && destination.Health.Active != DestinationHealth.Unhealthy);

    private DiscoveryReport Discovery(EndpointSnapshot snapshot)
    {
        var status = discovery.Status;
        var watches = status.Services
            .Select(w => new ServiceReport(TrackNames.Of(w.Track), w.Service, w.Synced, w.ResourceVersion, w.LastEvent, w.Reconnects, w.Relists, w.LastError, w.Warning))
            .ToArray();
        return new DiscoveryReport(discovery.Mode.ToString(), snapshot.Synced, status.Namespace, watches);
    }
}
