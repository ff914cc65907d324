using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Configuration;

/// <summary>
/// Loads the settings file like the stock JSON provider, but watches it itself: on a reload the stock provider turns
/// a missing file or one that cannot be parsed into empty data, and empty data binds to the defaults, which pass
/// validation (a weight of 25 would quietly become proportional, forcing would be re-enabled). Here a reload is
/// rejected, and the last good values stay, when the file is gone, cannot be parsed, or no longer has a
/// <c>Gateway</c> section that it had before.
/// </summary>
internal sealed class GuardedJsonConfigurationProvider : JsonConfigurationProvider
{
    private readonly GuardedJsonConfigurationSource _source;
    private readonly string _file;
    private readonly IDisposable? _watch;

    public GuardedJsonConfigurationProvider(GuardedJsonConfigurationSource source)
        : base(new JsonConfigurationSource { Path = source.Path ?? throw new ArgumentException("The settings file needs a path.", nameof(source)), FileProvider = source.FileProvider, Optional = source.Optional, ReloadOnChange = false })
    {
        _source = source;
        _file = source.FileProvider is PhysicalFileProvider physical ? System.IO.Path.Combine(physical.Root, source.Path) : source.Path;
        if (source.ReloadOnChange && source.FileProvider is { } files)
        {
            _watch = ChangeToken.OnChange(() => files.Watch(_source.Path!), Reload);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _watch?.Dispose();
        base.Dispose(disposing);
    }

    private void Reload()
    {
        // As the stock provider does: give the writer a moment to finish before reading.
        Thread.Sleep(_source.ReloadDelay);
        var file = _source.FileProvider!.GetFileInfo(_source.Path!);
        string? rejected;
        IDictionary<string, string?>? data = null;
        if (!file.Exists)
        {
            rejected = "the file was removed";
        }
        else
        {
            try
            {
                using var stream = file.CreateReadStream();
                data = Parse(stream);
                rejected = HasGatewaySection(Data) && !HasGatewaySection(data) ? "the file no longer has a Gateway section" : null;
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                // IOException: removed between the check and the read.
                rejected = $"the file cannot be read: {(ex.InnerException ?? ex).Message}";
            }
        }

        if (rejected is not null)
        {
            _source.ReloadFailed?.Invoke(_file, rejected);
            return;
        }

        Data = data!;
        OnReload();
    }

    private static bool HasGatewaySection(IDictionary<string, string?> data)
    {
        foreach (var key in data.Keys)
        {
            if (key.StartsWith(GatewaySettings.Root + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase) || key.Equals(GatewaySettings.Root, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IDictionary<string, string?> Parse(Stream stream)
    {
        using var parser = new Parser();
        parser.Load(stream);
        return parser.Parsed;
    }

    /// <summary>The stock parser, writing into a dictionary of its own instead of the live data.</summary>
    private sealed class Parser() : JsonConfigurationProvider(new JsonConfigurationSource())
    {
        public IDictionary<string, string?> Parsed => Data;
    }
}
