using System.Net;
using System.Text.Json;
using LoadTests.Http;

namespace LoadTests.Rollouts;

/// <summary>
/// Polls the gateway's <c>GET /rollout</c> through a run: keeps every sample for the verdicts, tells the users'
/// bookkeeping whether the rollout is rolled back right now, and completes <see cref="Ended"/> when the rollout under
/// test reaches a final phase. A rollout already final at the first poll is an earlier one: the run waits for the
/// next to start.
/// </summary>
internal sealed class RolloutPoller(HttpMessageInvoker client, Uri url, TimeSpan timeout)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private readonly List<PollSample> _samples = [];
    private readonly TaskCompletionSource<PollSample> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _underway;
    private volatile bool _rolledBack;
    private volatile RolloutDocument? _latest;

    public Uri Url { get; } = url;

    /// <summary>The poll that first showed a final phase of the rollout under test (its document with checks and history).</summary>
    public Task<PollSample> Ended => _ended.Task;

    /// <summary>Whether the last poll answered phase RolledBack.</summary>
    public bool RolledBack => _rolledBack;

    /// <summary>The last document received, with its checks and history.</summary>
    public RolloutDocument? Latest => _latest;

    public IReadOnlyList<PollSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>One <c>GET /rollout</c>: the document, or a one-line error.</summary>
    public async Task<(RolloutDocument? Document, string? Error)> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url) { Version = HttpVersion.Version11 };
        request.Headers.Accept.ParseAdd("application/json");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, "404: rollouts are disabled on this gateway (Gateway:Rollout:Enabled is false), or this is not its management port");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var document = JsonSerializer.Deserialize<RolloutDocument>(body, Json);
            return document is { Phase.Length: > 0 } ? (document, null) : (null, "the answer is not a /rollout document (no phase)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{ErrorKinds.Of(ex)}: {ex.Message}");
        }
        catch (IOException ex)
        {
            return (null, $"{ErrorKinds.Of(ex)}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            return (null, $"the answer is not a /rollout document: {ex.Message}");
        }
    }

    /// <summary>Polls every <paramref name="interval"/> until cancelled; <paramref name="clock"/> is the run's clock in seconds.</summary>
    public async Task RunAsync(Func<double> clock, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = clock() + interval.TotalSeconds;
                await PollOnceAsync(clock, cancellationToken);
                var wait = next - clock();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>One poll, recorded as a sample.</summary>
    public async Task PollOnceAsync(Func<double> clock, CancellationToken cancellationToken)
    {
        var sent = clock();
        var (document, error) = await FetchAsync(cancellationToken);
        var ends = document is not null && Apply(document);

        // Read the clock after the state the users' bookkeeping reads has changed: a request that starts after
        // ReceivedAt then certainly sees it.
        var received = clock();
        lock (_lock)
        {
            _samples.Add(new PollSample(sent, received, document is null ? null : document with { Checks = [], History = [] }, error));
        }

        if (ends)
        {
            _ended.TrySetResult(new PollSample(sent, received, document, null));
        }
    }

    /// <summary>Takes in a document; true when it is the first to show the rollout under test in a final phase.</summary>
    private bool Apply(RolloutDocument document)
    {
        _latest = document;
        _rolledBack = RolloutPhases.Is(document.Phase, RolloutPhases.RolledBack);
        if (!RolloutPhases.IsFinal(document.Phase))
        {
            _underway = true;
            return false;
        }

        return _underway && !_ended.Task.IsCompleted;
    }
}
