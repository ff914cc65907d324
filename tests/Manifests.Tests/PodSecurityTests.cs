using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>
/// Every pod meets the "restricted" Pod Security Standard the namespace enforces, runs as the aspnet image's "app"
/// user, has bounded resources and stops gracefully.
/// </summary>
public sealed class PodSecurityTests
{
    private const long AppUid = 1654;

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Namespace_EveryFolder_EnforcesRestrictedPodSecurity(string folder)
    {
        var ns = Assert.Single(ManifestFolder.Load(folder).OfType<V1Namespace>());

        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void SecurityContext_EveryPod_IsRestrictedAndRunsAsTheAppUser(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments, deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            var security = Assert.IsType<V1PodSecurityContext>(pod.SecurityContext);
            Assert.True(security.RunAsNonRoot, $"{deployment.Metadata.Name}: runAsNonRoot");
            Assert.Equal(AppUid, security.RunAsUser);
            Assert.Equal("RuntimeDefault", security.SeccompProfile?.Type);
            Assert.Null(pod.HostNetwork);
            Assert.All(pod.Containers, c =>
            {
                var container = Assert.IsType<V1SecurityContext>(c.SecurityContext);
                Assert.False(container.AllowPrivilegeEscalation ?? true, $"{c.Name}: allowPrivilegeEscalation");
                Assert.True(container.ReadOnlyRootFilesystem, $"{c.Name}: readOnlyRootFilesystem");
                Assert.Equal(["ALL"], container.Capabilities?.Drop ?? []);
                Assert.Null(container.Capabilities?.Add);
                Assert.Null(container.Privileged);
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void ReadOnlyRootFilesystem_EveryContainer_HasAWritableTmp(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments, deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.All(pod.Containers, c =>
            {
                var tmp = Assert.Single(c.VolumeMounts ?? [], m => m.MountPath == "/tmp");
                Assert.NotEqual(true, tmp.ReadOnlyProperty);
                Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Resources_EveryContainer_RequestsNoMoreThanItsLimits(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments.SelectMany(d => d.Spec.Template.Spec.Containers), c =>
        {
            var requests = c.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
            var limits = c.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(requests.ContainsKey(resource), $"{c.Name} requests no {resource}");
                Assert.True(limits.ContainsKey(resource), $"{c.Name} has no {resource} limit");
                Assert.True(requests[resource].ToDecimal() <= limits[resource].ToDecimal(), $"{c.Name} requests more {resource} than its limit");
            }
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void TerminationGracePeriod_EveryPod_Is30SecondsAndOutlastsItsPreStopPause(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments, deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.Equal(30, pod.TerminationGracePeriodSeconds);
            Assert.All(pod.Containers, c => Assert.True(
                (c.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0) < pod.TerminationGracePeriodSeconds / 2,
                $"{c.Name}'s preStop pause leaves too little of the grace period for shutdown"));
        });
    }
}
