using System.Reflection;

namespace KubeApp;

/// <summary>Where the app's version comes from: the build (default), or <c>KUBEAPP_VERSION</c> for local runs.</summary>
internal static class AppVersion
{
    /// <summary>Environment variable (or configuration key) that overrides the built-in version.</summary>
    public const string OverrideKey = "KUBEAPP_VERSION";

    /// <summary>The version given to the build with <c>-p:Version=…</c> (1.0 when none was given).</summary>
    public static string BuiltIn { get; } = ReadBuiltIn();

    /// <exception cref="KubeAppConfigurationException">The override has spaces or control characters.</exception>
    public static string Resolve(IConfiguration configuration)
    {
        var value = configuration[OverrideKey];
        if (string.IsNullOrEmpty(value))
        {
            return BuiltIn;
        }

        // The version is echoed verbatim into response bodies; control characters or spaces would corrupt them.
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                throw new KubeAppConfigurationException(
                    $"{OverrideKey} must be a version without spaces or control characters, got '{value.ReplaceLineEndings(" ")}'.");
            }
        }

        return value;
    }

    private static string ReadBuiltIn()
    {
        foreach (var attribute in typeof(AppVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == "AppVersion" && !string.IsNullOrEmpty(attribute.Value))
            {
                return attribute.Value;
            }
        }

        return "1.0";
    }
}
