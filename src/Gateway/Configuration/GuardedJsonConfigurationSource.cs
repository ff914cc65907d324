using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Configuration;

/// <summary>
/// A reloadable JSON file whose bad reloads keep the last good values (see <see cref="GuardedJsonConfigurationProvider"/>).
/// Rejected reloads are reported to <see cref="ReloadFailed"/>.
/// </summary>
internal sealed class GuardedJsonConfigurationSource : JsonConfigurationSource
{
    /// <summary>Receives the file and the reason of a reload that was rejected (the last good values stay).</summary>
    public Action<string, string>? ReloadFailed { get; set; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new GuardedJsonConfigurationProvider(this);
    }
}
