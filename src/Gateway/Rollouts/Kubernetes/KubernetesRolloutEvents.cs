using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Records every transition as an <c>events.k8s.io/v1</c> Event regarding the canary Deployment, so
/// <c>kubectl describe deployment kubeapp-canary</c> and <c>kubectl get events</c> tell the rollout's story. Sends run
/// one at a time on a background task, in the order recorded; the rollout never waits for the API server.
/// </summary>
internal sealed partial class KubernetesRolloutEvents : IRolloutEvents, IAsyncDisposable
{
    /// <summary>Transitions are minutes apart; this many waiting means the API server is away, and the oldest matter least.</summary>
    private const int QueueLimit = 100;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _canary;
    private readonly string _instance;
    private readonly TimeProvider _time;
    private readonly ILogger<KubernetesRolloutEvents> _logger;
    private readonly Channel<Pending> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _loggedFailures = [];
    private readonly Task _sender;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private string? _uid;

    public KubernetesRolloutEvents(IKubernetes client, string @namespace, string canaryDeployment, string reportingInstance, TimeProvider time, ILogger<KubernetesRolloutEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(canaryDeployment);
        ArgumentException.ThrowIfNullOrEmpty(reportingInstance);
        _client = client;
        _namespace = @namespace;
        _canary = canaryDeployment;
        // reportingInstance is limited to 128 characters; a pod name is at most 63, a machine name plus pid may be more.
        _instance = reportingInstance.Length <= 128 ? reportingInstance : reportingInstance[..128];
        _time = time;
        _logger = logger;
        _idle.SetResult();
        _queue = Channel.CreateBounded<Pending>(
            new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                LogDropped(_logger, dropped.Event.Reason);
                Sent();
            });
        _sender = Task.Run(SendAllAsync);
    }

    /// <inheritdoc />
    private int _disposed;

    public void Record(RolloutTransition transition, string revision)
    {
        var pending = new Pending(TransitionEvent.For(transition, revision), _time.GetUtcNow());
        lock (_lock)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (!_queue.Writer.TryWrite(pending))
        {
            // Only after DisposeAsync: shutting down, nobody is left to send it.
            Sent();
        }
    }

    /// <summary>Completes when every Event recorded so far was sent or given up on (tests wait on it instead of sleeping).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            return _idle.Task;
        }
    }

    /// <summary>Sends what is queued for a moment, then stops: shutdown must not hang on an unreachable API server.</summary>
    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _sender.WaitAsync(DrainTimeout);
        }
        catch (TimeoutException)
        {
        }

        await _stopping.CancelAsync();
        await _sender;
        _stopping.Dispose();
    }

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                await SendAsync(pending, _stopping.Token);
                Sent();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(Pending pending, CancellationToken cancellationToken)
    {
        var uid = await UidAsync(cancellationToken);
        var e = pending.Event;
        var body = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = _canary + ".", NamespaceProperty = _namespace },
            EventTime = pending.Time.UtcDateTime,
            ReportingController = RolloutObjectNames.Controller,
            ReportingInstance = _instance,
            Action = e.Action,
            Reason = e.Reason,
            Type = e.Type,
            Note = e.Note,
            Regarding = new V1ObjectReference
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Name = _canary,
                NamespaceProperty = _namespace,
                Uid = uid,
            },
        };
        try
        {
            await _client.EventsV1.CreateNamespacedEventAsync(body, _namespace, cancellationToken: cancellationToken);
            Succeeded();
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Failed("create", ex, e.Reason);
        }
    }

    /// <summary>
    /// The canary Deployment's uid, read once: <c>kubectl describe</c> lists an Event under an object only when the uid
    /// matches. Without it (no <c>get</c> right, no Deployment yet) the Event is still sent, and the read retried next time.
    /// </summary>
    private async Task<string?> UidAsync(CancellationToken cancellationToken)
    {
        if (_uid is not null)
        {
            return _uid;
        }

        try
        {
            var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync(_canary, _namespace, cancellationToken: cancellationToken);
            _uid = deployment.Metadata?.Uid;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Failed("get", ex, null);
        }

        return _uid;
    }

    private void Failed(string verb, Exception ex, string? reason)
    {
        var error = KubernetesApiError.Describe(ex);
        var kind = $"{verb} {error.Split(' ', 2)[0]}";
        bool first;
        lock (_loggedFailures)
        {
            first = _loggedFailures.Add(kind);
        }

        var message = $"cannot {verb} {(verb == "get" ? $"Deployment {_canary}" : $"Event {reason}")}: {error}";
        if (first)
        {
            LogFailed(_logger, message);
        }
        else
        {
            LogFailedAgain(_logger, message);
        }
    }

    /// <summary>A success ends an outage: the next failure is news again.</summary>
    private void Succeeded()
    {
        lock (_loggedFailures)
        {
            _loggedFailures.Clear();
        }
    }

    private void Sent()
    {
        TaskCompletionSource? idle = null;
        lock (_lock)
        {
            if (--_pending == 0)
            {
                idle = _idle;
            }
        }

        idle?.TrySetResult();
    }

    private sealed record Pending(TransitionEvent Event, DateTimeOffset Time);
}
