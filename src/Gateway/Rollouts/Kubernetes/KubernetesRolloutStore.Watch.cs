using System.Globalization;
using System.Net;
using Gateway.Discovery.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// List, then watch, the one ConfigMap, with the care of <c>ServiceWatcher</c>: re-watch from the last resourceVersion
/// when a stream ends, re-list on 410 Expired, back off with jitter on errors, re-open a silent stream, ask for
/// bookmarks. While the API server is away the last state stays.
/// </summary>
internal sealed partial class KubernetesRolloutStore
{
    // A field selector on the name is what lets a Role's resourceNames allow the list and the watch.
    private static readonly string Selector = $"metadata.name={RolloutObjectNames.Shared}";

    // Of the list and the watch (bookmarks move it too); written only by the loop.
    private string? _listVersion;

    /// <summary>Keeps <see cref="Current"/> following the ConfigMap until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_listVersion is null)
                {
                    await ListAsync(stopping);
                    failures = 0;
                }

                var (events, expired, error) = await WatchAsync(stopping);
                if (expired)
                {
                    LogExpired(_logger, _listVersion);
                    _listVersion = null;
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
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                _listVersion = null;
            }
            catch (Exception ex) when (IsApiError(ex, stopping))
            {
                failures++;
                await FailedAsync(Describe(ex), failures, stopping);
            }
        }
    }

    private async Task ListAsync(CancellationToken stopping)
    {
        var list = await _client.CoreV1.ListNamespacedConfigMapAsync(_namespace, fieldSelector: Selector, cancellationToken: stopping);
        var map = list.Items?.FirstOrDefault(m => m.Metadata?.Name == RolloutObjectNames.Shared);
        await _gate.WaitAsync(stopping);
        try
        {
            Observe(map);
        }
        finally
        {
            _gate.Release();
        }

        _listVersion = list.Metadata?.ResourceVersion;
        LogListed(_logger, RolloutObjectNames.Shared, map is not null, Current.Phase, _listVersion);
        _synced.TrySetResult();
    }

    private async Task<(int Events, bool Expired, string? Error)> WatchAsync(CancellationToken stopping)
    {
        var expired = false;
        string? error = null;
        var events = 0;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var watchdog = _time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), watch, _timings.SilenceTimeout, Timeout.InfiniteTimeSpan);

        // KubernetesClient reports a watch ERROR event (such as 410 Expired) only through onError, then ends the stream.
        var stream = _client.CoreV1.WatchListNamespacedConfigMapAsync(
            _namespace,
            allowWatchBookmarks: true,
            fieldSelector: Selector,
            resourceVersion: _listVersion,
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
            await foreach (var (type, map) in stream)
            {
                watchdog.Change(_timings.SilenceTimeout, Timeout.InfiniteTimeSpan);
                events++;
                await ApplyAsync(type, map, stopping);
                _listVersion = map?.Metadata?.ResourceVersion ?? _listVersion;
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            LogSilent(_logger, _timings.SilenceTimeout);
            return (events, false, null);
        }

        return (events, expired, error);
    }

    private async Task ApplyAsync(WatchEventType type, V1ConfigMap? map, CancellationToken stopping)
    {
        if (type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted) || map?.Metadata?.Name != RolloutObjectNames.Shared)
        {
            // BOOKMARK: only the resourceVersion moves.
            return;
        }

        await _gate.WaitAsync(stopping);
        try
        {
            // After a lost write we read the ConfigMap ourselves, so the watch may still be delivering older versions.
            if (IsOlderThanStored(map))
            {
                return;
            }

            Observe(type == WatchEventType.Deleted ? null : map);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// resourceVersions are opaque by contract, but kube-apiserver's are etcd revisions, which grow: an event older than
    /// what a GET already showed is dropped rather than moving <see cref="Current"/> back. Not numeric: applied.
    /// </summary>
    private bool IsOlderThanStored(V1ConfigMap map) =>
        long.TryParse(map.Metadata?.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var seen)
        && long.TryParse(_stored.Map?.Metadata?.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
        && seen < stored;

    private async Task FailedAsync(string error, int failures, CancellationToken stopping)
    {
        var delay = _timings.Backoff(failures);
        LogApiError(_logger, RolloutObjectNames.Shared, error, Current.Phase, delay);
        try
        {
            await Task.Delay(delay, _time, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Called from RunAsync's catch blocks, where its own "stopped" handler no longer applies: stopping while
            // backing off ends the loop quietly too.
        }
    }
}
