using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Hosting;

/// <summary>
/// A reloadable JSON file whose failed reload keeps the last good values. The stock provider empties its data when a
/// reload cannot be parsed and then throws on the file watcher's thread, so the next unrelated reload would silently
/// fall back to defaults (a weight of 25 quietly becoming proportional). Errors are reported to <see cref="ReloadFailed"/>.
/// </summary>
internal sealed class GuardedJsonConfigurationSource : JsonConfigurationSource
{
    /// <summary>Receives the error of a reload that was rejected (the last good values stay).</summary>
    public Action<string, Exception>? ReloadFailed { get; set; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new Provider(this);
    }

    private sealed class Provider(GuardedJsonConfigurationSource source) : JsonConfigurationProvider(source)
    {
        private bool _loaded;

        public override void Load(Stream stream)
        {
            var previous = Data;
            try
            {
                base.Load(stream);
                _loaded = true;
            }
            catch (FormatException ex) when (_loaded)
            {
                Data = previous;
                source.ReloadFailed?.Invoke(source.Path ?? "", ex);
            }
        }
    }
}
