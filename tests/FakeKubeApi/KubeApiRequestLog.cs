namespace FakeKubeApi;

/// <summary>
/// Thread-safe record of every request the fake API server received, with waits that complete on a matching request
/// instead of sleeping. Waits see requests that already arrived too; to wait for a <em>new</em> one, capture
/// <see cref="LastSequence"/> first and match on <c>r.Sequence &gt; before</c>.
/// </summary>
public sealed class KubeApiRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<KubeApiRequest> _requests = [];
    private readonly List<(Func<KubeApiRequest, bool> Match, TaskCompletionSource<KubeApiRequest> Seen)> _waiters = [];

    internal KubeApiRequestLog()
    {
    }

    /// <summary>All requests so far, oldest first.</summary>
    public IReadOnlyList<KubeApiRequest> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The list requests so far (of every resource), oldest first.</summary>
    public IReadOnlyList<KubeApiRequest> Lists => [.. All.Where(r => r.IsList)];

    /// <summary>The watch requests so far (of every resource), oldest first.</summary>
    public IReadOnlyList<KubeApiRequest> Watches => [.. All.Where(r => r.IsWatch)];

    /// <summary>
    /// The distinct accesses requested so far (whatever the answer), for least-privilege assertions: e.g. that a
    /// gateway used exactly <c>get leases.coordination.k8s.io/canary-gateway-rollout</c>, <c>create leases...</c>.
    /// </summary>
    public IReadOnlySet<KubeApiAccess> Accesses => All.Select(r => r.Access).OfType<KubeApiAccess>().ToHashSet();

    /// <summary>Number of list requests so far (of every resource).</summary>
    public int ListCount => Lists.Count;

    /// <summary>Number of watch requests so far (of every resource).</summary>
    public int WatchCount => Watches.Count;

    /// <summary>The <see cref="KubeApiRequest.Sequence"/> of the latest request, 0 before the first.</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Completes with the first request (past or future) matching <paramref name="match"/>.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>; the message lists what did.</exception>
    public async Task<KubeApiRequest> WaitForAsync(Func<KubeApiRequest, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = new TaskCompletionSource<KubeApiRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var found = _requests.Find(r => match(r));
            if (found is not null)
            {
                return found;
            }

            _waiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Seen == seen);
            }

            throw new TimeoutException(
                $"No matching Kubernetes API request within {timeout}. Received:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", All));
        }
    }

    /// <summary>Completes with the first watch request (past or future) matching <paramref name="match"/> (any when null).</summary>
    public Task<KubeApiRequest> WaitForWatchAsync(Func<KubeApiRequest, bool>? match, TimeSpan timeout) =>
        WaitForAsync(r => r.IsWatch && (match is null || match(r)), timeout);

    /// <summary>Completes with the first list request (past or future) matching <paramref name="match"/> (any when null).</summary>
    public Task<KubeApiRequest> WaitForListAsync(Func<KubeApiRequest, bool>? match, TimeSpan timeout) =>
        WaitForAsync(r => r.IsList && (match is null || match(r)), timeout);

    internal KubeApiRequest Add(Func<long, KubeApiRequest> create)
    {
        KubeApiRequest request;
        List<TaskCompletionSource<KubeApiRequest>> completed = [];
        lock (_lock)
        {
            request = create(_requests.Count + 1);
            _requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (Matches(_waiters[i], request))
                {
                    completed.Add(_waiters[i].Seen);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var seen in completed)
        {
            seen.TrySetResult(request);
        }

        return request;
    }

    /// <summary>
    /// A test's match runs on the server's request path: if it throws (say, on a request of a kind it did not expect),
    /// the waiting test gets the exception and the request is served as usual.
    /// </summary>
    private static bool Matches((Func<KubeApiRequest, bool> Match, TaskCompletionSource<KubeApiRequest> Seen) waiter, KubeApiRequest request)
    {
        try
        {
            return waiter.Match(request);
        }
        catch (Exception e)
        {
            waiter.Seen.TrySetException(e);
            return true;
        }
    }
}
