using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Tls;
using Gateway.Tracks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gateway.Canary;

/// <summary>
/// Holds the current <see cref="CanaryRules"/> and rebuilds them when <c>Gateway:Canary</c> is reloaded or the
/// number of ready endpoints changes (the proportional weight depends on it).
/// </summary>
/// <remarks>
/// Reloads are read from <see cref="IConfiguration"/> rather than <c>IOptionsMonitor</c>: the monitor binds and
/// validates inside the configuration's change callback, where a bad value (say <c>Weight: "abc"</c>) throws on the
/// file watcher's thread. Here a bad reload is logged and the last good settings stay.
/// </remarks>
internal sealed partial class CanaryRulesProvider : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly IConfigurationSection _section;
    private readonly EndpointCatalog _catalog;
    private readonly TracksOptions _tracks;
    private readonly GatewaySettings _settings;
    private readonly ILogger<CanaryRulesProvider> _logger;
    private readonly IDisposable _reloadSubscription;
    private readonly Lock _rebuildLock = new();
    private readonly bool _secureCookieOverHttps;
    private readonly IReadOnlyList<IWeightSource> _weightSources;
    private readonly IWeightSource[] _featureWeightSources;
    private volatile CanaryRules _current;
    private int _lastCanaryReady = -1;
    private int _lastStableReady = -1;

    public CanaryRulesProvider(
        IConfiguration configuration,
        IOptions<CanaryOptions> startupOptions,
        IOptions<TracksOptions> tracks,
        IOptions<TlsOptions> tls,
        IOptions<GatewayListenOptions> listen,
        EndpointCatalog catalog,
        GatewaySettings settings,
        IEnumerable<IWeightSource> featureWeightSources,
        ILogger<CanaryRulesProvider> logger)
    {
        _configuration = configuration;
        _section = configuration.GetSection(CanaryOptions.SectionName);
        _catalog = catalog;
        _tracks = tracks.Value;
        _settings = settings;
        _logger = logger;

        // Listeners and TLS are fixed at startup (not reloaded), so this is decided once.
        _secureCookieOverHttps = StickyCookieHeaders.MarkSecureOverHttps(tls.Value, listen.Value);
        _featureWeightSources = [.. featureWeightSources];
        _weightSources = WeightSources.With(_featureWeightSources);
        _current = Build(CanarySettings.From(startupOptions.Value), catalog.Current, reusableCookieHeaders: null);
        _catalog.Changed += OnEndpointsChanged;
        foreach (var source in _featureWeightSources)
        {
            source.Changed += OnWeightSourceChanged;
        }

        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, OnConfigurationReloaded);
    }

    /// <summary>Raised after each configuration reload was handled: true when applied or unchanged, false when rejected.</summary>
    public event Action<bool>? ReloadHandled;

    /// <summary>The rules for new requests.</summary>
    public CanaryRules Current => _current;

    public void Dispose()
    {
        _catalog.Changed -= OnEndpointsChanged;
        foreach (var source in _featureWeightSources)
        {
            source.Changed -= OnWeightSourceChanged;
        }

        _reloadSubscription.Dispose();
    }

    private void OnWeightSourceChanged()
    {
        lock (_rebuildLock)
        {
            Swap(Build(_current.Settings, _catalog.Current, _current.StickyCookieHeaders));
        }
    }

    private void OnEndpointsChanged(EndpointSnapshot snapshot)
    {
        lock (_rebuildLock)
        {
            var canaryReady = snapshot.ReadyCount(Track.Canary);
            var stableReady = snapshot.ReadyCount(Track.Stable);
            if (snapshot.Synced && canaryReady == 0 && _lastCanaryReady != 0)
            {
                LogCanaryEmpty(_logger);
            }
            else if (canaryReady > 0 && _lastCanaryReady == 0)
            {
                LogCanaryBack(_logger, canaryReady);
            }

            if (snapshot.Synced && stableReady == 0 && _lastStableReady != 0)
            {
                LogStableEmpty(_logger);
            }

            _lastCanaryReady = canaryReady;
            _lastStableReady = stableReady;
            Swap(Build(_current.Settings, snapshot, _current.StickyCookieHeaders));
        }
    }

    private void OnConfigurationReloaded()
    {
        // As at startup (the same registered validators): an edit with a misspelt key is rejected whole, not half applied.
        CanarySettings settings;
        try
        {
            if (_settings.Validate(_configuration, CanaryOptions.SectionName) is { } error)
            {
                LogReloadRejected(_logger, error);
                ReloadHandled?.Invoke(false);
                return;
            }

            var options = new CanaryOptions();
            _section.Bind(options);
            settings = CanarySettings.From(options);
        }
        catch (InvalidOperationException ex)
        {
            // Validation reports conversion errors; this only guards a file that changed again in between.
            LogReloadRejected(_logger, ex.Message);
            ReloadHandled?.Invoke(false);
            return;
        }

        lock (_rebuildLock)
        {
            if (settings != _current.Settings)
            {
                var rules = Build(settings, _catalog.Current, _current.StickyCookieHeaders);
                LogReloaded(_logger, rules.EffectiveWeight, rules.WeightSource, settings.AllowForcing);
                Swap(rules);
            }
        }

        ReloadHandled?.Invoke(true);
    }

    private CanaryRules Build(CanarySettings settings, EndpointSnapshot snapshot, StickyCookieHeaders? reusableCookieHeaders)
    {
        // The proportional weight splits by pods, as a plain Service would: a dual-stack pod has two addresses but is
        // one pod. Endpoint changes and weight reloads keep the cookie values already formatted; a new cookie name or Max-Age
        // starts an empty set.
        var cookieHeaders = reusableCookieHeaders is not null && reusableCookieHeaders.Matches(settings.StickyCookie, settings.StickyMaxAge)
            ? reusableCookieHeaders
            : new StickyCookieHeaders(settings.StickyCookie, settings.StickyMaxAge, _secureCookieOverHttps);
        return CanaryRules.Create(settings, _tracks.CanaryHosts, _tracks.StableHosts, snapshot.ReadyPodCount(Track.Stable), snapshot.ReadyPodCount(Track.Canary), cookieHeaders, _weightSources);
    }

    private void Swap(CanaryRules rules) => _current = rules;

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Canary has no ready endpoints: unpinned canary users fall back to stable, pinned canary hosts get 503")]
    private static partial void LogCanaryEmpty(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Canary has {Ready} ready endpoint(s) again: canary users return to it")]
    private static partial void LogCanaryBack(ILogger logger, int ready);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Stable has no ready endpoints: requests routed to stable get 503")]
    private static partial void LogStableEmpty(ILogger logger);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Canary settings reloaded: weight {Weight}% ({WeightSource}), forcing allowed: {AllowForcing}")]
    private static partial void LogReloaded(ILogger logger, double weight, WeightSource weightSource, bool allowForcing);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Reloaded canary settings rejected, keeping the last good ones: {Reason}")]
    private static partial void LogReloadRejected(ILogger logger, string? reason);
}
