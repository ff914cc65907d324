using System.Collections.Immutable;
using Gateway.Discovery.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// The ready gateway replicas, from the EndpointSlices of the management Service (<c>Gateway:Rollout:PeersService</c>):
/// the leader reads every peer's sample through it, and a follower finds the leader to forward calls to. Lists, then
/// watches, like <see cref="ServiceWatcher"/> (re-watch from the last resourceVersion, re-list on 410 Expired, back off
/// with jitter, re-open a silent stream) and keeps the last list while the API server is away.
/// </summary>
/// <remarks>
/// A watcher of its own rather than a <see cref="ServiceWatcher"/>: that one publishes track endpoints (with discovery
/// metrics and /status) and keys them by address, while a peer is known by its pod name.
/// </remarks>
internal sealed partial class RolloutPeers
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _selector;
    private readonly KubernetesWatchOptions _timings;
    private readonly TimeProvider _time;
    private readonly ILogger<RolloutPeers> _logger;
    private readonly Dictionary<string, List<RolloutPeer>> _slices = new(StringComparer.Ordinal);
    private ImmutableArray<RolloutPeer> _current = [];
    private string? _resourceVersion;
    private volatile bool _synced;

    public RolloutPeers(IKubernetes client, string @namespace, string service, KubernetesWatchOptions timings, TimeProvider time, ILogger<RolloutPeers> logger)
    {
        _client = client;
        _namespace = @namespace;
        Service = service;
        _selector = $"kubernetes.io/service-name={service}";
        _timings = timings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised on the watch loop after <see cref="Current"/> or <see cref="Synced"/> changed.</summary>
    public event Action? Changed;

    /// <summary>The management Service whose EndpointSlices list the peers.</summary>
    public string Service { get; }

    /// <summary>The ready peers, one per identity, ordered by identity (an atomic read: one array reference).</summary>
    public IReadOnlyList<RolloutPeer> Current => _current;

    /// <summary>Whether the Service's EndpointSlices have been listed at least once.</summary>
    public bool Synced => _synced;

    /// <summary>The peer called <paramref name="identity"/>, or null when it is not a ready endpoint now.</summary>
    public RolloutPeer? Find(string identity)
    {
        foreach (var peer in _current)
        {
            if (string.Equals(peer.Identity, identity, StringComparison.Ordinal))
            {
                return peer;
            }
        }

        return null;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(stopping);
                    failures = 0;
                }

                var (events, expired, error) = await WatchAsync(stopping);
                if (expired)
                {
                    LogExpired(_logger, Service, _resourceVersion);
                    _resourceVersion = null;
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
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                _resourceVersion = null;
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

        _resourceVersion = list.Metadata?.ResourceVersion;
        LogListed(_logger, Service, list.Items?.Count ?? 0, _resourceVersion);
        _synced = true;
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
            resourceVersion: _resourceVersion,
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
                _resourceVersion = slice?.Metadata?.ResourceVersion ?? _resourceVersion;
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
                Upsert(slice);
                Recompute();
                break;
            case WatchEventType.Deleted:
                _slices.Remove(slice.Metadata.Name);
                Recompute();
                break;
            default:
                // BOOKMARK: only the resourceVersion moves.
                break;
        }
    }

    private void Upsert(V1EndpointSlice slice)
    {
        var peers = RolloutPeerSlice.Parse(slice, out var problem);
        if (problem is not null)
        {
            LogSliceProblem(_logger, slice.Metadata?.Name, Service, problem);
        }

        _slices[slice.Metadata?.Name ?? ""] = peers ?? [];
    }

    private void Recompute(bool listed = false)
    {
        // One peer per pod: a dual-stack Service lists each pod in an IPv4 and an IPv6 slice, and a pod may briefly be
        // in two slices of one family while the controller moves it. The IPv4 address wins, then the lowest, so the
        // choice does not depend on which slice happened to arrive last.
        var merged = new Dictionary<string, RolloutPeer>(StringComparer.Ordinal);
        foreach (var peers in _slices.Values)
        {
            foreach (var peer in peers)
            {
                if (!merged.TryGetValue(peer.Identity, out var existing) || Preferred(peer, existing))
                {
                    merged[peer.Identity] = peer;
                }
            }
        }

        var next = merged.Values.OrderBy(p => p.Identity, StringComparer.Ordinal).ToImmutableArray();
        if (!next.SequenceEqual(_current))
        {
            LogPeers(_logger, Service, next.Length, string.Join(", ", next.Select(p => $"{p.Identity}={p.Management.Authority}")));
            _current = next;
        }
        else if (!listed)
        {
            return;
        }

        Changed?.Invoke();
    }

    private static bool Preferred(RolloutPeer candidate, RolloutPeer existing)
    {
        var candidateV4 = candidate.Management.HostNameType == UriHostNameType.IPv4;
        var existingV4 = existing.Management.HostNameType == UriHostNameType.IPv4;
        return candidateV4 != existingV4
            ? candidateV4
            : string.CompareOrdinal(candidate.Management.Authority, existing.Management.Authority) < 0;
    }

    private async Task FailedAsync(string error, int failures, CancellationToken stopping)
    {
        var delay = _timings.Backoff(failures);
        LogApiError(_logger, Service, error, delay);
        await Task.Delay(delay, _time, stopping);
    }
}
