using Gateway.Discovery;
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
    private readonly IConfigurationSection _section;
    private readonly EndpointCatalog _catalog;
    private readonly TracksOptions _tracks;
    private readonly CanaryOptionsValidator _validator;
    private readonly ILogger<CanaryRulesProvider> _logger;
    private readonly IDisposable _reloadSubscription;
    private readonly Lock _rebuildLock = new();
    private volatile CanaryRules _current;

    public CanaryRulesProvider(
        IConfiguration configuration,
        IOptions<CanaryOptions> startupOptions,
        IOptions<TracksOptions> tracks,
        EndpointCatalog catalog,
        CanaryOptionsValidator validator,
        ILogger<CanaryRulesProvider> logger)
    {
        _section = configuration.GetSection(CanaryOptions.SectionName);
        _catalog = catalog;
        _tracks = tracks.Value;
        _validator = validator;
        _logger = logger;
        _current = Build(CanarySettings.From(startupOptions.Value), catalog.Current);
        _catalog.Changed += OnEndpointsChanged;
        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, OnConfigurationReloaded);
    }

    /// <summary>Raised after the rules changed.</summary>
    public event Action<CanaryRules>? Changed;

    /// <summary>Raised after each configuration reload was handled: true when applied or unchanged, false when rejected.</summary>
    public event Action<bool>? ReloadHandled;

    /// <summary>The rules for new requests.</summary>
    public CanaryRules Current => _current;

    public void Dispose()
    {
        _catalog.Changed -= OnEndpointsChanged;
        _reloadSubscription.Dispose();
    }

    private void OnEndpointsChanged(EndpointSnapshot snapshot)
    {
        lock (_rebuildLock)
        {
            Swap(Build(_current.Settings, snapshot));
        }
    }

    private void OnConfigurationReloaded()
    {
        CanarySettings settings;
        try
        {
            var options = new CanaryOptions();
            _section.Bind(options);
            var result = _validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                LogReloadRejected(_logger, result.FailureMessage);
                ReloadHandled?.Invoke(false);
                return;
            }

            settings = CanarySettings.From(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's conversion errors name the key and value ("Failed to convert configuration value ...").
            LogReloadRejected(_logger, ex.Message);
            ReloadHandled?.Invoke(false);
            return;
        }

        lock (_rebuildLock)
        {
            if (settings != _current.Settings)
            {
                var rules = Build(settings, _catalog.Current);
                LogReloaded(_logger, rules.EffectiveWeight, rules.WeightSource, settings.AllowForcing);
                Swap(rules);
            }
        }

        ReloadHandled?.Invoke(true);
    }

    private CanaryRules Build(CanarySettings settings, EndpointSnapshot snapshot) =>
        CanaryRules.Create(settings, _tracks.CanaryHosts, _tracks.StableHosts, snapshot.ReadyCount(Track.Stable), snapshot.ReadyCount(Track.Canary));

    private void Swap(CanaryRules rules)
    {
        _current = rules;
        Changed?.Invoke(rules);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Canary settings reloaded: weight {Weight}% ({WeightSource}), forcing allowed: {AllowForcing}")]
    private static partial void LogReloaded(ILogger logger, double weight, WeightSource weightSource, bool allowForcing);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Reloaded canary settings rejected, keeping the last good ones: {Reason}")]
    private static partial void LogReloadRejected(ILogger logger, string? reason);
}
