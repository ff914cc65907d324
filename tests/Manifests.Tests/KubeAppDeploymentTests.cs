using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>The sample app's two Deployments, as in the original (DESIGN.md "The original this ports").</summary>
public sealed class KubeAppDeploymentTests
{
    /// <summary>Files every folder carries an identical copy of (kustomize loads nothing from outside a folder).</summary>
    public static TheoryData<string> SharedFiles => ["namespace.yaml", "kubeapp-production.yaml", "kubeapp-canary.yaml"];

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void KubeAppProduction_EveryFolder_RunsThreeReplicasOfVersion10(string folder)
    {
        var deployment = ManifestFolder.Load(folder).Get<V1Deployment>("kubeapp-production");

        AssertKubeApp(deployment, env: "production", replicas: 3, image: "kubeapp:1.0");
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void KubeAppCanary_EveryFolder_RunsOneReplicaOfVersion20(string folder)
    {
        var deployment = ManifestFolder.Load(folder).Get<V1Deployment>("kubeapp-canary");

        AssertKubeApp(deployment, env: "canary", replicas: 1, image: "kubeapp:2.0");
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void KubeAppContainers_EveryFolder_PauseWithTheKubeletSleepActionBeforeStopping(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(new[] { "kubeapp-production", "kubeapp-canary" }, name =>
        {
            var container = Assert.Single(manifests.Get<V1Deployment>(name).Spec.Template.Spec.Containers);
            // The aspnet image has no shell, so an exec `sleep` hook would fail; only the kubelet's sleep action works.
            Assert.Null(container.Lifecycle.PreStop.Exec);
            Assert.Equal(5, container.Lifecycle.PreStop.Sleep.Seconds);
            Assert.Equal("/health", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("kubeapp", container.LivenessProbe.HttpGet.Port.Value);
        });
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void SharedFile_AcrossFolders_IsAnIdenticalCopy(string file)
    {
        var copies = ManifestFolder.Names.Select(folder => File.ReadAllText(Path.Combine(ManifestFolder.Root, folder, file))).ToList();

        Assert.Equal(ManifestFolder.Names.Count, copies.Count);
        Assert.All(copies, copy => Assert.Equal(copies[0], copy));
    }

    private static void AssertKubeApp(V1Deployment deployment, string env, int replicas, string image)
    {
        var labels = new Dictionary<string, string> { ["app"] = "kubeapp", ["env"] = env };
        Assert.Equal(replicas, deployment.Spec.Replicas);
        Assert.Equal(labels, deployment.Spec.Selector.MatchLabels);
        Assert.Equal(labels, deployment.Spec.Template.Metadata.Labels);

        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal("kubeapp", container.Name);
        Assert.Equal(image, container.Image);
        var port = Assert.Single(container.Ports);
        Assert.Equal(("kubeapp", 8080), (port.Name, port.ContainerPort));
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("kubeapp", container.ReadinessProbe.HttpGet.Port.Value);
    }
}
