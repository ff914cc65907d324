using System.Net;
using System.Text.Json;
using Gateway.Discovery.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// The rollout state every gateway replica shares (DESIGN.md "Across gateway replicas"): ConfigMap
/// <c>canary-gateway-rollout</c>, key <c>state.json</c>, watched by every replica (<see cref="RunAsync"/>) and written
/// by the leader with the resourceVersion its <see cref="Current"/> was read at, so a write based on an old state loses.
/// The ConfigMap is created by the first write, never just to have one; someone deleting it, or writing an unreadable
/// state.json, leaves the last good state in memory until the leader's next write puts it back.
/// </summary>
/// <remarks>Uses only get, list and watch of that ConfigMap, update of it, and create of configmaps (the gateway's Role).</remarks>
internal sealed partial class KubernetesRolloutStore : IRolloutStore, IDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly KubernetesWatchOptions _timings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Held across a write and while applying anything read, so the watch's copy of our own write always finds the
    // write recorded (and raises nothing), and Changed is raised in the order the states were stored.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stored _stored = new(RolloutState.Initial, null, null);

    public KubernetesRolloutStore(IKubernetes client, string @namespace, KubernetesWatchOptions timings, TimeProvider time, ILogger<KubernetesRolloutStore> logger)
    {
        _client = client;
        _namespace = @namespace;
        _timings = timings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after <see cref="Current"/> changed, by our write or another replica's; handlers must not block on this store.</summary>
    public event Action<RolloutState>? Changed;

    /// <summary>The last good state read or written; <see cref="RolloutState.Initial"/> before the first list, and while no ConfigMap was ever written.</summary>
    public RolloutState Current => Volatile.Read(ref _stored).State;

    /// <summary>Whether the ConfigMap has been listed at least once (found or not).</summary>
    public bool Synced => _synced.Task.IsCompleted;

    /// <summary>Completes once <see cref="Synced"/>.</summary>
    public Task WhenSyncedAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Writes <paramref name="next"/> if <paramref name="expected"/> is <see cref="Current"/> and nobody wrote the
    /// ConfigMap since it was read. False, and nothing written, when either changed (then <see cref="Current"/> is what
    /// the ConfigMap holds now) or the API server could not be reached or refused (logged).
    /// </summary>
    public async ValueTask<bool> TryReplaceAsync(RolloutState expected, RolloutState next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stored = _stored;
            if (!ReferenceEquals(stored.State, expected))
            {
                return false;
            }

            var text = RolloutStateJson.Serialize(next);
            V1ConfigMap written;
            try
            {
                written = stored.Map is null
                    ? await _client.CoreV1.CreateNamespacedConfigMapAsync(Create(text), _namespace, cancellationToken: cancellationToken)
                    : await _client.CoreV1.ReplaceNamespacedConfigMapAsync(Update(stored.Map, text), RolloutObjectNames.Shared, _namespace, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // 409: someone wrote (or created) it since we read it; 404: someone deleted it. Either way what we
                // based the write on is gone: read what is there now and let the caller decide again.
                LogWriteLost(_logger, (int)ex.Response!.StatusCode, stored.Map?.Metadata?.ResourceVersion);
                await RereadAsync(cancellationToken);
                return false;
            }
            catch (Exception ex) when (IsApiError(ex, cancellationToken))
            {
                LogWriteFailed(_logger, Describe(ex));
                return false;
            }

            Publish(new Stored(next, written, text));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Call after <see cref="RunAsync"/> has ended and no write is in flight.</summary>
    public void Dispose() => _gate.Dispose();

    private async Task RereadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Observe(await _client.CoreV1.ReadNamespacedConfigMapAsync(RolloutObjectNames.Shared, _namespace, cancellationToken: cancellationToken));
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            Observe(null);
        }
        catch (Exception ex) when (IsApiError(ex, cancellationToken))
        {
            // The watch brings the news later.
            LogRereadFailed(_logger, Describe(ex));
        }
    }

    /// <summary>Takes in the ConfigMap as read (null: there is none). Only with <see cref="_gate"/> held.</summary>
    private void Observe(V1ConfigMap? map)
    {
        var stored = _stored;
        if (map is null)
        {
            if (stored.Map is not null)
            {
                LogDeleted(_logger, RolloutObjectNames.Shared, _namespace, stored.State.Phase);
                Volatile.Write(ref _stored, stored with { Map = null });
            }

            return;
        }

        var text = map.Data?.TryGetValue(RolloutObjectNames.StateKey, out var value) == true ? value : null;
        if (text == stored.Text)
        {
            // Our own write coming back through the watch, or a re-list: only the resourceVersion moves.
            Volatile.Write(ref _stored, stored with { Map = map });
            return;
        }

        RolloutState state;
        try
        {
            state = RolloutStateJson.Deserialize(text ?? throw new JsonException($"no key {RolloutObjectNames.StateKey}"));
        }
        catch (JsonException ex)
        {
            // Keep the last good state, but take the resourceVersion: the leader's next write then replaces the bad one.
            LogUnreadable(_logger, RolloutObjectNames.Shared, map.Metadata?.ResourceVersion, ex.Message, stored.State.Phase);
            Volatile.Write(ref _stored, stored with { Map = map, Text = text });
            return;
        }

        if (RolloutStateJson.Serialize(state) == RolloutStateJson.Serialize(stored.State))
        {
            // The same state written differently: keep the instance callers hold as their expected state.
            Volatile.Write(ref _stored, stored with { Map = map, Text = text });
            return;
        }

        Publish(new Stored(state, map, text));
    }

    private void Publish(Stored stored)
    {
        Volatile.Write(ref _stored, stored);
        try
        {
            Changed?.Invoke(stored.State);
        }
        catch (Exception ex)
        {
            // A subscriber's bug must neither stop the watch nor turn a successful write into a failure.
            LogHandlerFailed(_logger, ex);
        }
    }

    private V1ConfigMap Create(string text) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = RolloutObjectNames.Shared,
            NamespaceProperty = _namespace,
            Labels = new Dictionary<string, string> { ["app"] = "canary-gateway" },
        },
        Data = new Dictionary<string, string> { [RolloutObjectNames.StateKey] = text },
    };

    /// <summary>The ConfigMap as read, with the new state: its resourceVersion is the precondition, and whatever else it holds (labels, other keys) stays.</summary>
    private static V1ConfigMap Update(V1ConfigMap map, string text) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = map.Metadata,
        BinaryData = map.BinaryData,
        Immutable = map.Immutable,
        Data = new Dictionary<string, string>(map.Data ?? new Dictionary<string, string>()) { [RolloutObjectNames.StateKey] = text },
    };

    private static bool IsApiError(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or HttpOperationException or KubernetesException or IOException or TimeoutException or JsonException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception ex) =>
        ex is HttpOperationException { Response: { } response } ? $"{(int)response.StatusCode} {response.ReasonPhrase}: {response.Content}" : ex.Message;

    /// <summary>The last good state, the ConfigMap last read or written (null: none exists), and its state.json as read.</summary>
    private sealed record Stored(RolloutState State, V1ConfigMap? Map, string? Text);
}
