using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Configuration;

/// <summary>
/// Reads the appsettings.json shipped next to the binary when the process runs from another directory: the content
/// root is the working directory, and without its log levels every request would log several Information lines.
/// </summary>
public static class BinaryAppSettings
{
    /// <summary>Adds <c>&lt;binary folder&gt;/appsettings.json</c> with the lowest precedence, if the content root has none.</summary>
    public static void AddBinaryAppSettings(this ConfigurationManager configuration, string contentRoot)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(Path.Combine(contentRoot, "appsettings.json")) || !File.Exists(shipped))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        ((IConfigurationBuilder)configuration).Sources.Insert(0, source);
    }
}
