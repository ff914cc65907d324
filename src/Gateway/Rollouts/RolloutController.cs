using System.Collections.Immutable;
using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Tracks;
using Microsoft.Extensions.Primitives;

namespace Gateway.Rollouts;

/// <summary>
/// Runs rollouts in this process: one check per <c>Interval</c> on a <see cref="TimeProvider"/> timer, the management
/// calls, and auto-start when discovery shows a new canary revision. Every change goes through <see cref="RolloutEngine"/>
/// and the <see cref="IRolloutStore"/>; the weight follows the stored state, whoever wrote it.
/// </summary>
/// <remarks>
/// With several replicas only the leader (<see cref="ILeadership"/>) judges, auto-starts, promotes and writes; every
/// replica applies the weight of the state it reads. A check judges the traffic of every replica
/// (<see cref="IRolloutSamples"/>), as the difference of each replica's cumulative sample to the one taken when the step
/// began (or the last check); a replica without such a baseline makes the check wait.
/// All work runs one item at a time, in order, on a chain of tasks (<see cref="Enqueue{T}"/>): a check, a call and an
/// endpoint change never interleave, and tests can wait for the chain to drain (<see cref="WhenIdleAsync"/>).
/// </remarks>
internal sealed partial class RolloutController : IHostedService, IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly GatewaySettings _settings;
    private readonly IRolloutStore _store;
    private readonly RolloutWeight _weight;
    private readonly TrafficRecorder _recorder;
    private readonly EndpointCatalog _catalog;
    private readonly CanaryRulesProvider _rules;
    private readonly RolloutMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILeadership _leadership;
    private readonly IRolloutSamples _samples;
    private readonly IRolloutEvents _events;
    private readonly IRolloutPromoter? _promoter;
    private readonly ILogger<RolloutController> _logger;
    private readonly Lock _chainLock = new();
    private Task _chain = Task.CompletedTask;
    private volatile RolloutOptions _options;
    private ImmutableArray<RolloutCheck> _checks = [];
    private Dictionary<string, PeerSample> _baselines = new(StringComparer.Ordinal);
    private bool _tookOver;
    private TaskCompletionSource _takenOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lastPromotionFailure;
    private ITimer? _timer;
    private ITimer? _promotionTimer;
    private IDisposable? _reloadSubscription;

    public RolloutController(
        IConfiguration configuration,
        GatewaySettings settings,
        IRolloutStore store,
        RolloutWeight weight,
        TrafficRecorder recorder,
        EndpointCatalog catalog,
        CanaryRulesProvider rules,
        RolloutMetrics metrics,
        TimeProvider time,
        ILeadership leadership,
        IRolloutSamples samples,
        IRolloutEvents events,
        ILogger<RolloutController> logger,
        IRolloutPromoter? promoter = null)
    {
        _leadership = leadership;
        _samples = samples;
        _events = events;
        _promoter = promoter;
        _configuration = configuration;
        _settings = settings;
        _store = store;
        _weight = weight;
        _recorder = recorder;
        _catalog = catalog;
        _rules = rules;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _options = GatewaySettings.BindOrDefault<RolloutOptions>(configuration, RolloutOptions.SectionName);
        _recorder.Enabled = _options.Enabled;
    }

    /// <summary>The settings in effect (reloaded live; a bad reload keeps the last good ones).</summary>
    public RolloutOptions Options => _options;

    /// <summary>The current state.</summary>
    public RolloutState State => _store.Current;

    /// <summary>This replica's identity.</summary>
    public string Self => _leadership.Self;

    /// <summary>The leader's identity, null while none is known; with one replica, <see cref="Self"/>.</summary>
    public string? Leader => _leadership.Leader;

    /// <summary>Whether the state has been read (Kubernetes: the ConfigMap listed once); always true with one replica.</summary>
    public bool StateSynced => _store.Synced;

    /// <summary>Whether this replica runs the rollout (checks, calls, promotion) rather than following it.</summary>
    public bool IsLeader => _leadership.IsLeader;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store.Changed += OnStateChanged;
        _catalog.Changed += OnEndpointsChanged;
        _leadership.Changed += OnLeadershipChanged;
        _reloadSubscription = ChangeToken.OnChange(_configuration.GetReloadToken, OnConfigurationReloaded);
        ApplyWeight(_store.Current);
        _timer = _time.CreateTimer(_ => Enqueue(CheckAsync), null, _options.Interval, _options.Interval);
        if (_promoter is not null)
        {
            // Promotion polls the Deployments more often than checks run: a stable rollout takes seconds, not intervals.
            _promotionTimer = _time.CreateTimer(_ => Enqueue(PromoteAsync), null, _options.RetryPeriod, _options.RetryPeriod);
        }

        // At startup without persisted state, the endpoints already ready count as a new revision.
        _ = Enqueue(TakeOverAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _promotionTimer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _store.Changed -= OnStateChanged;
        _catalog.Changed -= OnEndpointsChanged;
        _leadership.Changed -= OnLeadershipChanged;
        _reloadSubscription?.Dispose();
        _timer?.Dispose();
        _promotionTimer?.Dispose();
    }

    /// <summary>Runs a management call: the new document, or why it is not allowed now.</summary>
    public Task<RolloutResult> ExecuteAsync(RolloutCommand command, CancellationToken cancellationToken) => Enqueue(async () =>
    {
        if (NotReadyToLead() is { } unavailable)
        {
            return new RolloutResult(null, null, unavailable);
        }

        var state = _store.Current;
        var (next, conflict) = RolloutEngine.Apply(state, command, CanaryRevision.Of(_catalog.Current), Context());
        if (next is null)
        {
            return new RolloutResult(null, conflict);
        }

        return await CommitAsync(state, next, cancellationToken)
            ? new RolloutResult(Document(), null)
            : new RolloutResult(null, "the rollout changed meanwhile; read it again and retry");
    });

    /// <summary>The <c>GET /rollout</c> document.</summary>
    public RolloutDocument Document()
    {
        var state = _store.Current;
        var options = _options;
        return new RolloutDocument(
            state.Phase,
            state.Step,
            options.EffectiveSteps,
            _rules.Current.EffectiveWeight,
            state.Revision,
            Self,
            Leader,
            state.StartedAt,
            state.UpdatedAt,
            state.Reason,
            _checks,
            state.History);
    }

    /// <summary>
    /// Completes once this replica has taken the rollout over (leads, has read the state, auto-started what was new):
    /// from then on calls run here. Tests wait on it instead of polling.
    /// </summary>
    internal Task WhenTakenOverAsync() => Volatile.Read(ref _takenOver).Task;

    /// <summary>Completes when the work queued so far (checks, calls, endpoint changes) is done.</summary>
    internal Task WhenIdleAsync() => Enqueue(() => Task.FromResult(true));

    private Task<T> Enqueue<T>(Func<Task<T>> work)
    {
        lock (_chainLock)
        {
            // On the thread pool, never inline: the caller (a discovery or timer thread) does not run the work, and no
            // work runs while this lock is held.
            var next = _chain.ContinueWith(_ => Run(work), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
            _chain = next;
            return next;
        }
    }

    private async Task<T> Run<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWorkFailed(_logger, ex);
            throw;
        }
    }

    private async Task<bool> CheckAsync()
    {
        var options = _options;
        if (!options.Enabled || NotReadyToLead() is not null || _store.Current.Phase != RolloutPhase.Progressing)
        {
            return false;
        }

        var samples = await _samples.GatherAsync(CancellationToken.None);

        // Judge the state as it is after the (remote) reads, which a management call may not change meanwhile: the
        // chain runs one item at a time.
        var state = _store.Current;
        if (state.Phase != RolloutPhase.Progressing || !_leadership.IsLeader)
        {
            return false;
        }

        var (interval, missing) = Difference(samples);
        var (verdict, why) = missing is not null ? (RolloutVerdict.Wait, missing) : RolloutAnalysis.Judge(interval, options);
        var step = state.Step ?? 0;
        var check = new RolloutCheck(_time.GetUtcNow(), step, RolloutEngine.WeightOf(state, options) ?? 0, verdict, why, CheckFigures.Of(interval.Canary), CheckFigures.Of(interval.Stable));
        _checks = _checks.Length >= RolloutState.HistoryLimit ? _checks.RemoveAt(0).Add(check) : _checks.Add(check);
        _metrics.Checked(verdict);
        LogCheck(_logger, verdict, step + 1, check.Weight, why);

        var next = RolloutEngine.AfterCheck(state, verdict, why, Context());
        return !ReferenceEquals(next, state) && await CommitAsync(state, next, CancellationToken.None);
    }

    /// <summary>
    /// The traffic since the baselines, summed over replicas, and the baselines moved to <paramref name="samples"/>.
    /// Why the check must wait instead (a replica unreachable, or without a baseline: a new leader, a restarted or new
    /// replica), else null.
    /// </summary>
    private (TrafficSample Interval, string? Missing) Difference(SampleSet samples)
    {
        var interval = TrafficSample.Empty;
        List<string>? unknown = null;
        foreach (var sample in samples.Samples)
        {
            if (_baselines.TryGetValue(sample.Identity, out var baseline) && baseline.Instance == sample.Instance)
            {
                interval = interval.Plus(sample.Sample.Minus(baseline.Sample));
            }
            else
            {
                (unknown ??= []).Add(sample.Identity);
            }
        }

        SetBaselines(samples);
        var missing = samples.Missing is { } unreachable ? $"cannot read every replica's traffic: {unreachable}"
            : unknown is not null ? $"no baseline yet for {string.Join(", ", unknown)} (new leader, or a new or restarted replica): the next check judges its traffic"
            : null;
        return (interval, missing);
    }

    private void SetBaselines(SampleSet samples) =>
        _baselines = samples.Samples.ToDictionary(sample => sample.Identity, StringComparer.Ordinal);

    /// <summary>Starts the interval the next check judges: now, on every replica reachable.</summary>
    private async Task RebaselineAsync()
    {
        SetBaselines(await _samples.GatherAsync(CancellationToken.None));
        _timer?.Change(_options.Interval, _options.Interval);
    }

    /// <summary>
    /// Promotion <c>Deployment</c>, while <c>Promoted</c>: patch stable, wait for its rollout, then <c>Succeeded</c>.
    /// Runs on every tick, so a new leader carries on where the last one stopped.
    /// </summary>
    private async Task<bool> PromoteAsync()
    {
        var options = _options;
        if (_promoter is null || !options.Enabled || options.Promotion != RolloutPromotion.Deployment
            || NotReadyToLead() is not null || _store.Current.Phase != RolloutPhase.Promoted)
        {
            return false;
        }

        var progress = await _promoter.AdvanceAsync(CancellationToken.None);
        if (progress.Status == PromotionStatus.Failed && progress.Reason != _lastPromotionFailure)
        {
            LogPromotionFailed(_logger, progress.Reason);
        }

        _lastPromotionFailure = progress.Status == PromotionStatus.Failed ? progress.Reason : null;
        var state = _store.Current;
        if (RolloutEngine.AfterPromotion(state, progress, Context()) is not { } next || !await CommitAsync(state, next, CancellationToken.None))
        {
            return false;
        }

        if (next.Phase == RolloutPhase.Succeeded && options.ScaleDownCanary)
        {
            var failure = await _promoter.ScaleDownCanaryAsync(CancellationToken.None);
            if (failure is not null)
            {
                LogPromotionFailed(_logger, failure);
            }

            var scaled = _store.Current;
            var reason = failure is null ? $"{scaled.Reason}; canary scaled to 0 replicas" : $"{scaled.Reason}; scaling the canary to 0 failed: {failure}";
            await CommitAsync(scaled, scaled with { Reason = reason, UpdatedAt = _time.GetUtcNow() }, CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// What a replica does on becoming the one that runs the rollout (at startup with one replica, on winning the
    /// election with several), once the shared state has been read: baselines for the next check, and auto-start for
    /// a revision that appeared while nobody led.
    /// </summary>
    private async Task<bool> TakeOverAsync()
    {
        if (_tookOver || !_options.Enabled || NotReadyToLead() is not null)
        {
            return false;
        }

        _tookOver = true;
        await RebaselineAsync();
        var changed = await OnCanaryChangedAsync(_catalog.Current);
        _ = Enqueue(PromoteAsync);
        _takenOver.TrySetResult();
        return changed;
    }

    /// <summary>Why this replica may not change the rollout now, or null when it may.</summary>
    private string? NotReadyToLead() =>
        !_leadership.IsLeader ? (_leadership.Leader is { } leader ? $"this replica ({Self}) is not the rollout leader; {leader} is" : $"no rollout leader is known yet (this replica is {Self})")
        : !_store.Synced ? "the rollout state has not been read from the Kubernetes API yet"
        : null;

    private async Task<bool> OnCanaryChangedAsync(EndpointSnapshot snapshot)
    {
        if (!_options.Enabled || !snapshot.Synced || NotReadyToLead() is not null)
        {
            return false;
        }

        var state = _store.Current;
        return RolloutEngine.OnCanaryChanged(state, CanaryRevision.Of(snapshot), Context()) is { } next
            && await CommitAsync(state, next, CancellationToken.None);
    }

    private async Task<bool> CommitAsync(RolloutState state, RolloutState next, CancellationToken cancellationToken)
    {
        if (!await _store.TryReplaceAsync(state, next, cancellationToken))
        {
            return false;
        }

        if (next.StepStartedAt != state.StepStartedAt)
        {
            // A new step, start or resumption: the next check judges a full interval at the new weight only.
            await RebaselineAsync();
        }

        if (next.History.Length > 0 && (state.History.Length == 0 || !ReferenceEquals(next.History[^1], state.History[^1])))
        {
            var transition = next.History[^1];
            _metrics.Transitioned(transition.From, transition.To);
            LogTransition(_logger, transition.From, transition.To, transition.Step is { } step ? (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none", transition.Weight, transition.Reason);
            _events.Record(transition, next.Revision);
        }

        return true;
    }

    private RolloutContext Context()
    {
        var snapshot = _catalog.Current;
        var idle = WeightSources.Resolve(_rules.Current.Settings, snapshot.ReadyPodCount(Track.Stable), snapshot.ReadyPodCount(Track.Canary)).Weight;
        return new RolloutContext(_options, _time.GetUtcNow(), idle);
    }

    private void OnStateChanged(RolloutState state)
    {
        ApplyWeight(state);

        // The first read of the shared state may be what a new leader was waiting for.
        if (!_tookOver && _leadership.IsLeader)
        {
            _ = Enqueue(TakeOverAsync);
        }
    }

    /// <summary>The shared state has been read for the first time (Kubernetes): a leader may act from now on.</summary>
    internal void OnStateSynced() => _ = Enqueue(TakeOverAsync);

    private void OnLeadershipChanged()
    {
        _ = Enqueue(() =>
        {
            if (!_leadership.IsLeader)
            {
                // A follower now: a later lead starts from fresh baselines and a fresh look at the canary.
                _tookOver = false;
                _baselines = new(StringComparer.Ordinal);
                if (_takenOver.Task.IsCompleted)
                {
                    _takenOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                return Task.FromResult(false);
            }

            return TakeOverAsync();
        });
    }

    private void ApplyWeight(RolloutState state)
    {
        var options = _options;
        _weight.Set(options.Enabled ? RolloutEngine.WeightOf(state, options) : null);
    }

    private void OnEndpointsChanged(EndpointSnapshot snapshot) => _ = Enqueue(() => OnCanaryChangedAsync(snapshot));

    private void OnConfigurationReloaded()
    {
        if (_settings.Validate(_configuration, RolloutOptions.SectionName) is { } error)
        {
            LogReloadRejected(_logger, error);
            return;
        }

        RolloutOptions options;
        try
        {
            options = GatewaySettings.Bind<RolloutOptions>(_configuration, RolloutOptions.SectionName);
        }
        catch (InvalidOperationException ex)
        {
            LogReloadRejected(_logger, ex.Message);
            return;
        }

        var previous = _options;
        _options = options;
        _recorder.Enabled = options.Enabled;
        ApplyWeight(_store.Current);
        if (options.Interval != previous.Interval)
        {
            _timer?.Change(options.Interval, options.Interval);
        }

        if (options.Enabled && !previous.Enabled)
        {
            _ = Enqueue(TakeOverAsync);
        }

        if (options.Enabled && !previous.Enabled)
        {
            LogEnabled(_logger);
        }

        if (options.Enabled && options.AutoStart && !(previous.Enabled && previous.AutoStart))
        {
            // Turned on (or auto-start turned on): the canary ready now may be a revision nobody has seen.
            _ = Enqueue(() => OnCanaryChangedAsync(_catalog.Current));
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Rollout {From} -> {To}, step {Step}, weight {Weight}%: {Reason}")]
    private static partial void LogTransition(ILogger logger, RolloutPhase from, RolloutPhase to, string step, double weight, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Rollout check {Verdict} at step {Step} (weight {Weight}%): {Why}")]
    private static partial void LogCheck(ILogger logger, RolloutVerdict verdict, int step, double weight, string why);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Reloaded rollout settings rejected, keeping the last good ones: {Reason}")]
    private static partial void LogReloadRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Rollouts enabled by a settings reload")]
    private static partial void LogEnabled(ILogger logger);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Rollout promotion: {Reason}")]
    private static partial void LogPromotionFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Rollout work failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception);
}
