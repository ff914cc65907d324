using System.Collections.Concurrent;
using System.Net;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Steady load for fault-tolerance tests: a few workers, each one user with its own cookie, sending requests
/// back-to-back until stopped (bounded by a hard cap on time). Counts requests, failures and versions seen.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly long[] _completedByWorker;
    private long _sent;

    private SteadyLoad(Func<HttpClient> clientFactory, int workers, Func<int, HttpRequestMessage> request, TimeSpan cap, Func<bool>? mayStart)
    {
        _stop.CancelAfter(cap);
        _completedByWorker = new long[workers];
        _workers = Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(clientFactory, i, request, mayStart))).ToArray();
    }

    public long Sent => Interlocked.Read(ref _sent);

    public IReadOnlyCollection<string> Failures => _failures;

    public ConcurrentDictionary<string, long> Versions { get; } = new();

    /// <summary>Per worker: the versions it saw.</summary>
    public ConcurrentDictionary<int, ConcurrentDictionary<string, long>> VersionsByWorker { get; } = new();

    public static SteadyLoad Start(Func<HttpClient> clientFactory, int workers, Func<int, HttpRequestMessage> request, TimeSpan? cap = null, Func<bool>? mayStart = null) =>
        new(clientFactory, workers, request, cap ?? TimeSpan.FromSeconds(60), mayStart);

    /// <summary>Waits until at least <paramref name="count"/> more requests completed.</summary>
    public async Task WaitForRequestsAsync(long count, TimeSpan timeout)
    {
        var target = Sent + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Sent < target)
        {
            if (DateTime.UtcNow > deadline || _stop.IsCancellationRequested)
            {
                throw new TimeoutException($"Only {Sent} of {target} requests completed.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Waits until every worker completed <paramref name="count"/> more requests: with 2, each has finished a request
    /// that started after this call (whatever was in flight when it was made is over).
    /// </summary>
    public async Task WaitForEachWorkerAsync(long count, TimeSpan timeout)
    {
        var targets = _completedByWorker.Select(c => Interlocked.Read(ref c) + count).ToArray();
        var deadline = DateTime.UtcNow + timeout;
        while (Enumerable.Range(0, targets.Length).Any(i => Interlocked.Read(ref _completedByWorker[i]) < targets[i]))
        {
            if (DateTime.UtcNow > deadline || _stop.IsCancellationRequested)
            {
                throw new TimeoutException("Not every worker completed its requests.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stops sending and waits for in-flight requests.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WorkAsync(Func<HttpClient> clientFactory, int worker, Func<int, HttpRequestMessage> request, Func<bool>? mayStart)
    {
        using var client = clientFactory();
        var versions = VersionsByWorker.GetOrAdd(worker, _ => new());
        while (!_stop.IsCancellationRequested && (mayStart?.Invoke() ?? true))
        {
            try
            {
                using var message = request(worker);
                using var response = await client.SendAsync(message, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _failures.Enqueue($"{(int)response.StatusCode} {body.Trim()}");
                }
                else if (body.Contains("Version ", StringComparison.Ordinal))
                {
                    var version = Responses.VersionOf(body);
                    Versions.AddOrUpdate(version, 1, (_, n) => n + 1);
                    versions.AddOrUpdate(version, 1, (_, n) => n + 1);
                }
            }
            catch (HttpRequestException ex)
            {
                _failures.Enqueue(ex.GetBaseException().Message);
            }

            Interlocked.Increment(ref _sent);
            Interlocked.Increment(ref _completedByWorker[worker]);
        }
    }
}
