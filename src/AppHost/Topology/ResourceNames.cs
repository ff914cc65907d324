using System.Globalization;

namespace AppHost.Topology;

/// <summary>Names of the resources the topology adds, as the dashboard shows them; tests look resources up by them.</summary>
public static class ResourceNames
{
    /// <summary>The stable track (the <c>kubeapp-production</c> Deployment).</summary>
    public const string StableTrack = "stable";

    /// <summary>The canary track (the <c>kubeapp-canary</c> Deployment).</summary>
    public const string CanaryTrack = "canary";

    /// <summary>The gateway.</summary>
    public const string Gateway = "gateway";

    /// <summary>The KubeApp process for pod <paramref name="index"/> (0-based, as in the configuration) of <paramref name="track"/>.</summary>
    public static string Pod(string track, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"kubeapp-{track}-{index + 1}");
}
