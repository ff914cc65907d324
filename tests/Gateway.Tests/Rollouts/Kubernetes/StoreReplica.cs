using System.Collections.Concurrent;
using FakeKubeApi;
using Gateway.Discovery.Kubernetes;
using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>
/// One gateway replica's <see cref="KubernetesRolloutStore"/> against the fake API server, through the real
/// KubernetesClient, with its own log and a record of every <c>Changed</c>.
/// </summary>
internal sealed class StoreReplica : IAsyncDisposable
{
    public const string Namespace = "production";
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    private readonly k8s.Kubernetes _client;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RolloutState> _changes = new();

    private StoreReplica(FakeKubeApiServer api, KubernetesWatchOptions? timings)
    {
        _client = new k8s.Kubernetes(api.CreateClientConfiguration(Namespace));
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(Logs));
        timings ??= new KubernetesWatchOptions { BackoffInitial = TimeSpan.FromMilliseconds(20), BackoffMax = TimeSpan.FromMilliseconds(200) };
        Store = new KubernetesRolloutStore(_client, Namespace, timings, TimeProvider.System, _loggers.CreateLogger<KubernetesRolloutStore>());
        Store.Changed += _changes.Enqueue;
    }

    public KubernetesRolloutStore Store { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Every state <c>Changed</c> was raised with, oldest first.</summary>
    public IReadOnlyList<RolloutState> Changes => [.. _changes];

    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>A replica whose watch runs; <paramref name="synced"/>: returned once it has listed.</summary>
    public static async Task<StoreReplica> StartAsync(FakeKubeApiServer api, bool synced = true, KubernetesWatchOptions? timings = null)
    {
        var replica = new StoreReplica(api, timings);
        replica.Running = Task.Run(() => replica.Store.RunAsync(replica._stop.Token));
        if (synced)
        {
            await replica.Store.WhenSyncedAsync(CancellationToken.None).WaitAsync(WaitTimeout);
        }

        return replica;
    }

    /// <summary>A replica whose watch never runs: it knows only what its own writes and re-reads tell it.</summary>
    public static StoreReplica Create(FakeKubeApiServer api) => new(api, null);

    /// <summary>Ends the watch (the store keeps what it knows), as a replica cut off from watch events.</summary>
    public async Task StopWatchAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(WaitTimeout);
    }

    /// <summary>Completes when <see cref="KubernetesRolloutStore.Current"/> serialises as <paramref name="expected"/> does: now, or after a later change.</summary>
    public async Task<RolloutState> WaitForStateAsync(RolloutState expected)
    {
        var json = RolloutStateJson.Serialize(expected);
        var seen = new TaskCompletionSource<RolloutState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(RolloutState state)
        {
            if (RolloutStateJson.Serialize(state) == json)
            {
                seen.TrySetResult(state);
            }
        }

        Store.Changed += OnChanged;
        try
        {
            OnChanged(Store.Current);
            return await seen.Task.WaitAsync(WaitTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The store never held the expected state; now: {RolloutStateJson.Serialize(Store.Current)}");
        }
        finally
        {
            Store.Changed -= OnChanged;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(WaitTimeout);
        Store.Dispose();
        _client.Dispose();
        _loggers.Dispose();
        _stop.Dispose();
    }
}
