using System.Reflection;

namespace Gateway.Management;

/// <summary>The self-contained dashboard page (no CDN, no build step), embedded in the assembly.</summary>
internal static class Dashboard
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Gateway.Management.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
