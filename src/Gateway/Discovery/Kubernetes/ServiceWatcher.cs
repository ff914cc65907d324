using System.Collections.Immutable;
using Gateway.Telemetry;
using Gateway.Tracks;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Gateway.Discovery.Kubernetes;

/// <summary>
/// Lists, then watches, the EndpointSlices of one Service (one track), the way YARP's ResourceInformer does for
/// Endpoints: re-watch from the last resourceVersion when a stream ends, re-list on 410 Expired, back off with
/// jitter on errors, re-open a silent stream. While the API server is unreachable the last endpoints stay.
/// </summary>
internal sealed partial class ServiceWatcher
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string? _portName;
    private readonly string _selector;
    private readonly KubernetesWatchOptions _timings;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Action _changed;
    private readonly Dictionary<string, List<TrackEndpoint>> _slices = new(StringComparer.Ordinal);
    private ImmutableArray<TrackEndpoint> _endpoints = [];
    private ServiceWatchStatus _status;

    public ServiceWatcher(IKubernetes client, string @namespace, string service, Track track, string? portName, KubernetesWatchOptions timings, TimeProvider time, GatewayMetrics metrics, ILogger logger, Action changed)
    {
        _client = client;
        _namespace = @namespace;
        Service = service;
        Track = track;
        _portName = string.IsNullOrEmpty(portName) ? null : portName;
        _selector = $"kubernetes.io/service-name={service}";
        _timings = timings;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _changed = changed;
        _status = new ServiceWatchStatus(track, service);
    }

    public string Service { get; }

    public Track Track { get; }

    /// <summary>The merged, deduplicated endpoints of all the Service's slices (an atomic read: one array reference).</summary>
    public ImmutableArray<TrackEndpoint> Endpoints => _endpoints;

    /// <summary>
    /// The watch's state for <c>/status</c>. Written only by the watch loop, as a whole new record, so a reader on another
    /// thread never sees half an update.
    /// </summary>
    public ServiceWatchStatus Status => Volatile.Read(ref _status);

    /// <summary>Whether the Service has been listed at least once.</summary>
    public bool Synced => Status.Synced;

    private string? ResourceVersion => _status.ResourceVersion;

    private string? Warning => _status.Warning;

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        var lists = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (ResourceVersion is null)
                {
                    await ListAsync(stopping);
                    Set(_status with { Relists = lists++ });
                    failures = 0;
                }

                var (events, expired, error) = await WatchAsync(stopping);
                if (expired)
                {
                    LogExpired(_logger, Service, ResourceVersion);
                    Set(_status with { ResourceVersion = null });
                    failures = 0;
                }
                else if (error is not null || events == 0)
                {
                    // A stream that failed, or ended without delivering anything, backs off like an error so a
                    // misbehaving server is not hammered.
                    failures++;
                    await FailedAsync(error ?? "watch ended without events", failures, stopping);
                }
                else
                {
                    failures = 0;
                }

                Set(_status with { Reconnects = _status.Reconnects + 1 });
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                Set(_status with { ResourceVersion = null });
            }
            catch (Exception ex) when (ex is HttpRequestException or HttpOperationException or KubernetesException or IOException or TimeoutException or OperationCanceledException or System.Text.Json.JsonException)
            {
                failures++;
                await FailedAsync(ex.Message, failures, stopping);
            }
        }
    }

    private async Task ListAsync(CancellationToken stopping)
    {
        var list = await _client.DiscoveryV1.ListNamespacedEndpointSliceAsync(_namespace, labelSelector: _selector, cancellationToken: stopping);
        _slices.Clear();
        foreach (var slice in list.Items ?? [])
        {
            Upsert(slice);
        }

        Set(_status with { ResourceVersion = list.Metadata?.ResourceVersion, Synced = true, LastEvent = _time.GetUtcNow(), LastError = null });
        _metrics.DiscoveryEvent("relist");
        LogListed(_logger, Service, list.Items?.Count ?? 0, ResourceVersion);
        CheckExists();
        Recompute(listed: true);
    }

    private async Task<(int Events, bool Expired, string? Error)> WatchAsync(CancellationToken stopping)
    {
        var expired = false;
        string? error = null;
        var events = 0;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var watchdog = _time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), watch, _timings.SilenceTimeout, Timeout.InfiniteTimeSpan);

        // KubernetesClient reports a watch ERROR event (such as 410 Expired) only through onError, then ends the stream.
        var stream = _client.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(
            _namespace,
            allowWatchBookmarks: true,
            labelSelector: _selector,
            resourceVersion: ResourceVersion,
            onError: ex =>
            {
                if (WatchExpiry.IsExpired(ex))
                {
                    expired = true;
                }
                else
                {
                    error = ex.Message;
                }
            },
            cancellationToken: watch.Token);

        try
        {
            await foreach (var (type, slice) in stream)
            {
                watchdog.Change(_timings.SilenceTimeout, Timeout.InfiniteTimeSpan);
                events++;
                Apply(type, slice);
                Set(_status with { LastEvent = _time.GetUtcNow(), LastError = null, ResourceVersion = slice?.Metadata?.ResourceVersion ?? ResourceVersion });
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            LogSilent(_logger, Service, _timings.SilenceTimeout);
            return (events, false, null);
        }

        return (events, expired, error);
    }

    private void Apply(WatchEventType type, V1EndpointSlice? slice)
    {
        if (slice?.Metadata?.Name is null)
        {
            return;
        }

        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                _metrics.DiscoveryEvent(type == WatchEventType.Added ? "added" : "modified");
                Upsert(slice);
                CheckExists();
                Recompute();
                break;
            case WatchEventType.Deleted:
                _metrics.DiscoveryEvent("deleted");
                _slices.Remove(slice.Metadata.Name);
                CheckExists();
                Recompute();
                break;
            default:
                // BOOKMARK: only the resourceVersion moves.
                break;
        }
    }

    private void Upsert(V1EndpointSlice slice)
    {
        var endpoints = EndpointSliceParser.Parse(slice, Track, _portName, out var problem);
        if (problem is not null)
        {
            LogSliceProblem(_logger, slice.Metadata?.Name, Service, problem);
        }

        // An unusable slice stays as an empty one: it contributes no endpoints, yet shows that the Service exists.
        _slices[slice.Metadata?.Name ?? ""] = endpoints ?? [];
    }

    /// <summary>
    /// The endpointslice controller gives every Service with a selector at least one EndpointSlice, empty when no pod
    /// matches (a Deployment scaled to 0). So no slice at all means no such Service (or one without a selector),
    /// which only reading Services could tell apart, and the gateway's RBAC covers EndpointSlices alone. Not an
    /// error, "no canary" is a valid state, but most likely a misspelt Service name.
    /// </summary>
    private void CheckExists()
    {
        var missing = _slices.Count == 0;
        if (missing == (Warning is not null))
        {
            return;
        }

        if (missing)
        {
            Set(_status with { Warning = $"no EndpointSlice is labelled {_selector}: the Service does not exist or has no selector, so the {TrackNames.Of(Track)} track has no endpoints" });
            LogServiceMissing(_logger, Service, _namespace, Track);
        }
        else
        {
            Set(_status with { Warning = null });
            LogServiceFound(_logger, Service);
        }
    }

    /// <param name="listed">
    /// A list completed: publish even when the endpoints are unchanged, because <see cref="Synced"/> may just have
    /// become true: an empty or missing Service lists as no endpoints, the same as before its first list, and without
    /// a publish the catalog would never learn that the track is synced (/readyz stuck at 503).
    /// </param>
    private void Recompute(bool listed = false)
    {
        // Merge all slices; the same address in two slices (slice migration) is one endpoint, ready if either says so.
        var merged = new Dictionary<string, TrackEndpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoints in _slices.Values)
        {
            foreach (var endpoint in endpoints)
            {
                if (!merged.TryGetValue(endpoint.Id, out var existing) || (!existing.Ready && endpoint.Ready))
                {
                    merged[endpoint.Id] = endpoint;
                }
            }
        }

        // A dual-stack Service lists each pod in an IPv4 and an IPv6 slice. Both addresses stay destinations: the two
        // slices are written independently, so a pod may briefly be in one only, and preferring a family would switch
        // its destination id (losing YARP's health and connection state) as the other slice catches up. Every pod
        // then has one destination per family, so load balancing stays even per pod, and a family that is broken on
        // one pod is taken out by passive health alone. The proportional weight counts pods, not addresses
        // (EndpointSnapshot.ReadyPodCount).
        var next = merged.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToImmutableArray();
        var previous = Endpoints;
        if (!previous.SequenceEqual(next))
        {
            LogChanges(previous, next);
            _endpoints = next;
        }
        else if (!listed)
        {
            return;
        }

        _changed();
    }

    private void LogChanges(ImmutableArray<TrackEndpoint> previous, ImmutableArray<TrackEndpoint> next)
    {
        var before = previous.ToDictionary(e => e.Id);
        foreach (var endpoint in next)
        {
            if (!before.Remove(endpoint.Id, out var old))
            {
                LogEndpointAdded(_logger, Track, endpoint.Id, endpoint.Ready);
            }
            else if (old.Ready != endpoint.Ready)
            {
                LogEndpointReadiness(_logger, Track, endpoint.Id, endpoint.Ready);
            }
        }

        foreach (var removed in before.Keys)
        {
            LogEndpointRemoved(_logger, Track, removed);
        }
    }

    private async Task FailedAsync(string error, int failures, CancellationToken stopping)
    {
        Set(_status with { LastError = error });
        _metrics.DiscoveryEvent("error");
        var delay = _timings.Backoff(failures);
        LogApiError(_logger, Service, error, delay);
        await Task.Delay(delay, _time, stopping);
    }

    private void Set(ServiceWatchStatus status) => Volatile.Write(ref _status, status);
}
