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
    private readonly ILogger<RolloutController> _logger;
    private readonly Lock _chainLock = new();
    private Task _chain = Task.CompletedTask;
    private volatile RolloutOptions _options;
    private ImmutableArray<RolloutCheck> _checks = [];
    private TrafficSample _baseline = TrafficSample.Empty;
    private ITimer? _timer;
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
        ILogger<RolloutController> logger)
    {
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

    /// <summary>This process's identity; with one replica it is also the leader.</summary>
    public string Self => _options.EffectiveIdentity;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store.Changed += OnStateChanged;
        _catalog.Changed += OnEndpointsChanged;
        _reloadSubscription = ChangeToken.OnChange(_configuration.GetReloadToken, OnConfigurationReloaded);
        ApplyWeight(_store.Current);
        _timer = _time.CreateTimer(_ => Enqueue(CheckAsync), null, _options.Interval, _options.Interval);

        // At startup without persisted state, the endpoints already ready count as a new revision.
        _ = Enqueue(() => OnCanaryChangedAsync(_catalog.Current));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _store.Changed -= OnStateChanged;
        _catalog.Changed -= OnEndpointsChanged;
        _reloadSubscription?.Dispose();
        _timer?.Dispose();
    }

    /// <summary>Runs a management call: the new document, or why it is not allowed now.</summary>
    public Task<RolloutResult> ExecuteAsync(RolloutCommand command, CancellationToken cancellationToken) => Enqueue(async () =>
    {
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
            Self,
            state.StartedAt,
            state.UpdatedAt,
            state.Reason,
            _checks,
            state.History);
    }

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

    private Task<bool> CheckAsync()
    {
        var state = _store.Current;
        var options = _options;
        if (!options.Enabled || state.Phase != RolloutPhase.Progressing)
        {
            return Task.FromResult(false);
        }

        var now = _recorder.Read();
        var interval = now.Minus(_baseline);
        _baseline = now;

        var (verdict, why) = RolloutAnalysis.Judge(interval, options);
        var step = state.Step ?? 0;
        var check = new RolloutCheck(_time.GetUtcNow(), step, RolloutEngine.WeightOf(state, options) ?? 0, verdict, why, CheckFigures.Of(interval.Canary), CheckFigures.Of(interval.Stable));
        _checks = _checks.Length >= RolloutState.HistoryLimit ? _checks.RemoveAt(0).Add(check) : _checks.Add(check);
        _metrics.Checked(verdict);
        LogCheck(_logger, verdict, step + 1, check.Weight, why);

        var next = RolloutEngine.AfterCheck(state, verdict, why, Context());
        return ReferenceEquals(next, state) ? Task.FromResult(false) : CommitAsync(state, next, CancellationToken.None);
    }

    private async Task<bool> OnCanaryChangedAsync(EndpointSnapshot snapshot)
    {
        if (!_options.Enabled || !snapshot.Synced)
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
            _baseline = _recorder.Read();
            _timer?.Change(_options.Interval, _options.Interval);
        }

        if (next.History.Length > 0 && (state.History.Length == 0 || !ReferenceEquals(next.History[^1], state.History[^1])))
        {
            var transition = next.History[^1];
            _metrics.Transitioned(transition.From, transition.To);
            LogTransition(_logger, transition.From, transition.To, transition.Step is { } step ? (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none", transition.Weight, transition.Reason);
        }

        return true;
    }

    private RolloutContext Context()
    {
        var snapshot = _catalog.Current;
        var idle = WeightSources.Resolve(_rules.Current.Settings, snapshot.ReadyPodCount(Track.Stable), snapshot.ReadyPodCount(Track.Canary)).Weight;
        return new RolloutContext(_options, _time.GetUtcNow(), idle);
    }

    private void OnStateChanged(RolloutState state) => ApplyWeight(state);

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

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Rollout work failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception);
}
