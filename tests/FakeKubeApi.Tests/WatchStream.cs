using k8s;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>
/// Reads KubernetesClient's async-enumerable watch (<c>WatchListNamespacedEndpointSliceAsync</c>) one event at a time
/// with a bound, and keeps what its onError callback got.
/// </summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly IAsyncEnumerator<(WatchEventType, V1EndpointSlice)> _events;
    private readonly List<Exception> _errors = [];

    public WatchStream(IKubernetes client, string? resourceVersion, string? labelSelector = Slices.StableSelector, bool allowWatchBookmarks = true, int? timeoutSeconds = null, bool withOnError = true)
    {
        _events = client.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(
            Slices.Namespace,
            allowWatchBookmarks: allowWatchBookmarks,
            labelSelector: labelSelector,
            resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds,
            onError: withOnError ? OnError : null,
            cancellationToken: _cts.Token).GetAsyncEnumerator(_cts.Token);
    }

    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The next event, or null when the stream ended; throws what the enumeration throws.</summary>
    public async Task<(WatchEventType Type, V1EndpointSlice Slice)?> NextAsync()
    {
        var more = await _events.MoveNextAsync().AsTask().WaitAsync(Waits.Timeout);
        return more ? _events.Current : null;
    }

    public async Task<(WatchEventType Type, V1EndpointSlice Slice)> NextEventAsync() =>
        await NextAsync() ?? throw new InvalidOperationException("The watch ended instead of delivering an event.");

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or NotSupportedException)
        {
            // An async iterator still awaiting cannot be disposed; cancelling it is what ends the request.
        }

        _cts.Dispose();
    }

    private void OnError(Exception error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
