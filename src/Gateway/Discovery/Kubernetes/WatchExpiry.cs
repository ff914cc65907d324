using k8s;

namespace Gateway.Discovery.Kubernetes;

/// <summary>Tells a watch that must re-list (the resourceVersion it resumes from is too old) from other watch errors.</summary>
internal static class WatchExpiry
{
    /// <summary>
    /// Whether <paramref name="ex"/>, as KubernetesClient reports a watch ERROR event through <c>onError</c>, is
    /// 410 Gone / Expired.
    /// </summary>
    public static bool IsExpired(Exception ex) =>
        ex is KubernetesException { Status: { } status } && (status.Code == 410 || status.Reason is "Expired" or "Gone");
}
