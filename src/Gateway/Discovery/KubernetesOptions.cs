namespace Gateway.Discovery;

/// <summary>How to reach the Kubernetes API in <see cref="DiscoveryMode.Kubernetes"/> mode (<c>Gateway:Kubernetes</c>).</summary>
public sealed class KubernetesOptions
{
    /// <summary>Namespace of the Services. Default: the pod's own namespace in-cluster, else <c>default</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary>Path of a kubeconfig file. Default: in-cluster config inside a pod, else KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }
}
