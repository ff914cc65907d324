using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Configuration;

/// <summary>Loads the settings file named by <c>GATEWAY_CONFIG_FILE</c> (a mounted ConfigMap in Kubernetes).</summary>
internal static class ConfigFileExtensions
{
    /// <summary>The environment variable (or configuration key) naming an extra JSON settings file.</summary>
    public const string ConfigFileKey = "GATEWAY_CONFIG_FILE";

    /// <summary>
    /// Adds the JSON file named by <c>GATEWAY_CONFIG_FILE</c>, reloaded on change, above appsettings.json and below
    /// environment variables and the command line (so <c>Gateway__Canary__Weight</c> still wins).
    /// </summary>
    /// <exception cref="GatewayConfigurationException">The file does not exist.</exception>
    public static GuardedJsonConfigurationSource? AddGatewayConfigFile(this ConfigurationManager configuration)
    {
        var path = configuration[ConfigFileKey];
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new GatewayConfigurationException($"{ConfigFileKey} '{path}' does not exist.");
        }

        // Above appsettings*.json, below the unprefixed environment variables and the command line. The host's own
        // settings come first (ASPNETCORE_/DOTNET_ variables and a command-line source of their own, before
        // appsettings.json): inserting before that first command-line source put the file below appsettings.json,
        // so the shipped "Discovery": "Static" beat a ConfigMap's "Kubernetes". The application's unprefixed
        // environment variables follow appsettings*.json; failing those, the last command-line source does.
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var index = -1;
        for (var i = 0; i < sources.Count && index < 0; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                index = i;
            }
        }

        for (var i = sources.Count - 1; i >= 0 && index < 0; i--)
        {
            if (sources[i] is CommandLineConfigurationSource)
            {
                index = i;
            }
        }

        index = index < 0 ? sources.Count : index;

        var file = new GuardedJsonConfigurationSource
        {
            Path = Path.GetFileName(full),
            Optional = false,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(full)!),
        };
        try
        {
            sources.Insert(index, file);
        }
        catch (InvalidDataException ex)
        {
            throw new GatewayConfigurationException($"{ConfigFileKey} '{path}' is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return file;
    }
}
