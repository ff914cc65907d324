using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>The objects the gateway's rollout coordination uses, as the manifests and the gateway would write them.</summary>
internal static class Objects
{
    public const string Namespace = "production";
    public const string Rollout = "canary-gateway-rollout";
    public const string Stable = "kubeapp-production";
    public const string Canary = "kubeapp-canary";

    public static V1ConfigMap ConfigMap(string name, string state) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Data = new Dictionary<string, string> { ["state.json"] = state },
    };

    /// <summary>A Deployment with one "app" container (image, env, a port) and 3 replicas, as kubectl apply leaves it.</summary>
    public static V1Deployment Deployment(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 3,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "app",
                            Image = image,
                            Env = [new V1EnvVar { Name = "TRACK", Value = name }],
                            Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                        },
                    ],
                },
            },
        },
    };

    /// <summary>An Event as a gateway would report a rollout transition on the canary Deployment.</summary>
    public static Eventsv1Event Event(string reason, string note) => new()
    {
        Metadata = new V1ObjectMeta { GenerateName = Canary + ".", NamespaceProperty = Namespace },
        EventTime = DateTime.UtcNow,
        ReportingController = "canary-gateway",
        ReportingInstance = "gateway-1",
        Action = "Rollout",
        Reason = reason,
        Note = note,
        Type = "Normal",
        Regarding = new V1ObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = Canary, NamespaceProperty = Namespace },
    };
}
