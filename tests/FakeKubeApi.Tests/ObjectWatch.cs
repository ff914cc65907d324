using k8s;

namespace FakeKubeApi.Tests;

/// <summary>
/// Reads one of KubernetesClient's async-enumerable watches (<c>WatchListNamespacedConfigMapAsync</c>...) one event at
/// a time with a bound, keeping what its onError callback got; pass <see cref="OnError"/> as that callback.
/// </summary>
internal sealed class ObjectWatch<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Exception> _errors = [];
    private readonly IAsyncEnumerator<(WatchEventType, T)> _events;

    public ObjectWatch(Func<ObjectWatch<T>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> start)
    {
        _events = start(this, _cts.Token).GetAsyncEnumerator(_cts.Token);
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

    public void OnError(Exception error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<(WatchEventType Type, T Object)?> NextAsync()
    {
        var more = await _events.MoveNextAsync().AsTask().WaitAsync(Waits.Timeout);
        return more ? _events.Current : null;
    }

    public async Task<(WatchEventType Type, T Object)> NextEventAsync() =>
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
}
