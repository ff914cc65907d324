using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>
/// Records what KubernetesClient's callback-style <see cref="Watcher{T}"/> reports — events, errors, the close —
/// so a test can await each instead of sleeping.
/// </summary>
internal sealed class WatchProbe : IDisposable
{
    private readonly Channel<(WatchEventType Type, V1EndpointSlice Slice)> _events = Channel.CreateUnbounded<(WatchEventType, V1EndpointSlice)>();
    private readonly Channel<Exception> _errors = Channel.CreateUnbounded<Exception>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Watcher<V1EndpointSlice> _watcher;

    private WatchProbe(Func<WatchProbe, Watcher<V1EndpointSlice>> start)
    {
        _watcher = start(this);
    }

    /// <summary>Completes when the watcher's onClosed fired.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Starts <c>WatchListNamespacedEndpointSlice</c> with the given parameters.</summary>
    public static WatchProbe Start(IKubernetes client, string @namespace, string? resourceVersion, string? labelSelector = null, bool? allowWatchBookmarks = true, int? timeoutSeconds = null) =>
        new(probe => client.DiscoveryV1.WatchListNamespacedEndpointSlice(
            @namespace,
            allowWatchBookmarks: allowWatchBookmarks,
            labelSelector: labelSelector,
            resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds,
            onEvent: (type, slice) => probe._events.Writer.TryWrite((type, slice)),
            onError: error => probe._errors.Writer.TryWrite(error),
            onClosed: () => probe._closed.TrySetResult()));

    public async Task<(WatchEventType Type, V1EndpointSlice Slice)> NextEventAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _events.Reader.ReadAsync(cts.Token);
    }

    public async Task<Exception> NextErrorAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _errors.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Events received but not yet read.</summary>
    public IReadOnlyList<(WatchEventType Type, V1EndpointSlice Slice)> DrainEvents()
    {
        var events = new List<(WatchEventType, V1EndpointSlice)>();
        while (_events.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Errors received but not yet read.</summary>
    public IReadOnlyList<Exception> DrainErrors()
    {
        var errors = new List<Exception>();
        while (_errors.Reader.TryRead(out var e))
        {
            errors.Add(e);
        }

        return errors;
    }

    public void Dispose() => _watcher.Dispose();
}
