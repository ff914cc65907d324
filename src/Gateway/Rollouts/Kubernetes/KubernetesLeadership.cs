using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Leader election on the Lease <c>canary-gateway-rollout</c> with KubernetesClient's <see cref="LeaderElector"/>, which
/// creates the Lease when missing. A leader that cannot renew within <c>RenewDeadline</c> (API server away) stops
/// leading; another takes the Lease once it has gone unrenewed for <c>LeaseDuration</c>.
/// </summary>
internal sealed partial class KubernetesLeadership : ILeadership
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly RolloutOptions _options;
    private readonly ILogger _logger;
    private volatile string? _leader;
    private volatile bool _leading;
    private readonly Lock _lock = new();
    private string? _lastError;

    public KubernetesLeadership(IKubernetes client, string @namespace, RolloutOptions options, ILogger<KubernetesLeadership> logger)
    {
        _client = client;
        _namespace = @namespace;
        _options = options;
        _logger = logger;
        Self = options.EffectiveIdentity;
    }

    public string Self { get; }

    public string? Leader => _leader;

    public bool IsLeader => _leading;

    public event Action? Changed;

    /// <summary>Campaigns until <paramref name="stopping"/>: leads, loses the lead, campaigns again.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var config = new LeaderElectionConfig(new LeaseLock(_client, _namespace, RolloutObjectNames.Shared, Self))
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        elector.OnStartedLeading += () => Set(leading: true, Self);
        var leadingWhenStopped = false;
        elector.OnStoppedLeading += () =>
        {
            // Raised on the way out of a stop too: then the Lease is still ours, to release.
            leadingWhenStopped |= stopping.IsCancellationRequested;
            Set(leading: false, _leader == Self ? null : _leader);
        };
        elector.OnNewLeader += leader => Set(_leading, leader);
        elector.OnError += OnError;
        LogCampaigning(_logger, Self, _namespace, RolloutObjectNames.Shared);

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await elector.RunUntilLeadershipLostAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The elector lets an API error escape while campaigning (it catches them only while leading).
                OnError(ex);
            }

            try
            {
                await Task.Delay(_options.RetryPeriod, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        leadingWhenStopped |= _leading;
        Set(leading: false, _leader == Self ? null : _leader);
        if (leadingWhenStopped)
        {
            await ReleaseAsync();
        }
    }

    /// <summary>
    /// On a graceful stop (a rolling update of the gateway), shortens the held Lease to one second, so the next leader
    /// takes over about a second later rather than after a whole <c>LeaseDuration</c>. The holder stays: the elector
    /// treats a Lease without one as missing and would try to create it, which fails for a Lease that exists.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(RolloutObjectNames.Shared, _namespace, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != Self)
            {
                return;
            }

            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = DateTime.UtcNow;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, RolloutObjectNames.Shared, _namespace, cancellationToken: timeout.Token);
            LogReleased(_logger, Self);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A conflict means someone else renewed or took it; anything else leaves the Lease to expire by itself.
            LogReleaseFailed(_logger, Self, ex.Message.ReplaceLineEndings(" "));
        }
    }

    private void Set(bool leading, string? leader)
    {
        bool was;
        lock (_lock)
        {
            // The elector raises its events from its own tasks.
            if (leading == _leading && leader == _leader)
            {
                return;
            }

            was = _leading;
            _leading = leading;
            _leader = leader;
        }

        if (leading && !was)
        {
            _lastError = null;
            LogStartedLeading(_logger, Self);
        }
        else if (!leading && was)
        {
            LogStoppedLeading(_logger, Self);
        }
        else
        {
            LogLeader(_logger, leader ?? "(none)");
        }

        Changed?.Invoke();
    }

    private void OnError(Exception ex)
    {
        // Logged once per kind of error: a follower meets the same one every RetryPeriod while the API is away.
        var message = ex.Message.ReplaceLineEndings(" ");
        if (message != _lastError)
        {
            _lastError = message;
            LogElectionError(_logger, message);
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Rollout leader election as {Identity} on Lease {Namespace}/{Lease}")]
    private static partial void LogCampaigning(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 331, Level = LogLevel.Information, Message = "{Identity} leads the rollout")]
    private static partial void LogStartedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "{Identity} stopped leading the rollout")]
    private static partial void LogStoppedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "Rollout leader is {Leader}")]
    private static partial void LogLeader(ILogger logger, string leader);

    [LoggerMessage(EventId = 336, Level = LogLevel.Information, Message = "{Identity} released the rollout Lease on shutdown")]
    private static partial void LogReleased(ILogger logger, string identity);

    [LoggerMessage(EventId = 337, Level = LogLevel.Warning, Message = "{Identity} could not release the rollout Lease on shutdown (it expires by itself): {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string identity, string error);

    [LoggerMessage(EventId = 334, Level = LogLevel.Warning, Message = "Rollout leader election: {Error}")]
    private static partial void LogElectionError(ILogger logger, string error);
}
