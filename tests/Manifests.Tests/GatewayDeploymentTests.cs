using Gateway.Management;
using k8s.Models;
using Manifests.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Manifests.Tests;

/// <summary>k8s/gateway: the gateway's Deployment, Service and disruption budget.</summary>
public sealed class GatewayDeploymentTests
{
    private readonly GatewayManifests _gateway = new();

    [Fact]
    public void CanaryGateway_Spec_RunsTwoReplicasOfTheImageUnderItsServiceAccount()
    {
        var labels = new Dictionary<string, string> { ["app"] = "canary-gateway" };

        Assert.Equal(2, _gateway.Deployment.Spec.Replicas);
        Assert.Equal(labels, _gateway.Deployment.Spec.Selector.MatchLabels);
        Assert.Equal(labels, _gateway.Deployment.Spec.Template.Metadata.Labels);
        Assert.Equal("canary-gateway", _gateway.Pod.ServiceAccountName);
        Assert.Equal("canary-gateway:0.1.0", _gateway.Container.Image);
        Assert.Equal([("http", 8080), ("https", 8443), ("management", 9090)], _gateway.Container.Ports.Select(p => (p.Name, p.ContainerPort)));
    }

    [Fact]
    public void CanaryGateway_Probes_AskTheManagementPortForHealthzAndReadyz()
    {
        Assert.Equal(("/healthz", "management"), (_gateway.Container.LivenessProbe.HttpGet.Path, _gateway.Container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/readyz", "management"), (_gateway.Container.ReadinessProbe.HttpGet.Path, _gateway.Container.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal(9090, _gateway.ContainerPort("management"));
    }

    [Fact]
    public void CanaryGateway_PodAnnotations_LetPrometheusScrapeMetricsOnTheManagementPort()
    {
        var annotations = _gateway.Deployment.Spec.Template.Metadata.Annotations;

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(_gateway.ContainerPort("management").ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
    }

    [Fact]
    public void CanaryGateway_ConfigVolume_MountsTheConfigMapAsADirectoryHoldingGatewayConfigFile()
    {
        var (volume, mount) = _gateway.VolumeMount(v => v.ConfigMap is not null);

        Assert.Equal(_gateway.ConfigMap.Metadata.Name, volume.ConfigMap.Name);
        // subPath mounts are never updated when the ConfigMap changes, which would defeat the reload.
        Assert.Null(mount.SubPath);
        Assert.Null(mount.SubPathExpr);
        Assert.Null(volume.ConfigMap.Items);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal("/etc/gateway/config", mount.MountPath);
        Assert.Equal($"{mount.MountPath}/{GatewayManifests.ConfigKey}", _gateway.Env("GATEWAY_CONFIG_FILE"));
        Assert.Contains(GatewayManifests.ConfigKey, _gateway.ConfigMap.Data.Keys);
    }

    [Fact]
    public void CanaryGateway_Environment_UsesThePollingFileWatcherThatSeesConfigMapSymlinkSwaps()
    {
        Assert.Equal("true", _gateway.Env("DOTNET_USE_POLLING_FILE_WATCHER"));
    }

    [Fact]
    public void CanaryGateway_GcHeap_CappedAtHalfTheMemoryLimit_WithRoomForTheRest()
    {
        // GC settings from the environment are hexadecimal.
        var percent = Convert.ToInt32(_gateway.Env("DOTNET_GCHeapHardLimitPercent"), 16);
        var limit = _gateway.Container.Resources.Limits["memory"].ToInt64();

        Assert.Equal(50, percent);
        // The working set is the GC heap plus ~90 MiB of mapped runtime and code: the cap must leave that room.
        Assert.True(limit * percent / 100 <= limit - (96L << 20), $"heap cap {limit * percent / 100} leaves too little of {limit}");
    }

    [Fact]
    public void CanaryGateway_ManagementToken_ComesFromKeyTokenOfTheOptionalSecretCanaryGatewayManagement()
    {
        var variable = _gateway.EnvVar("Gateway__Management__Token");
        var reference = variable.ValueFrom?.SecretKeyRef;

        Assert.Null(variable.Value);
        Assert.NotNull(reference);
        Assert.Equal(("canary-gateway-management", "token"), (reference.Name, reference.Key));
        // Optional: without the secret the pod starts, and mutating management calls answer 403.
        Assert.True(reference.Optional);
        // A secret stays out of the ConfigMap.
        Assert.Null(_gateway.LoadConfiguration()[$"{ManagementOptions.SectionName}:Token"]);
    }

    [Fact]
    public void CanaryGateway_ManagementTokenFromTheSecret_ReachesTheGatewaysManagementSettings()
    {
        using var pod = new GatewayPod(_gateway, secrets: new Dictionary<string, string> { ["canary-gateway-management/token"] = "0123abcd" });

        Assert.Equal("0123abcd", pod.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>()?.Token);
        Assert.Null(pod.Validate());
    }

    [Fact]
    public void CanaryGateway_WithoutTheManagementSecret_StartsWithoutAToken()
    {
        using var pod = new GatewayPod(_gateway);

        Assert.Null(pod.Configuration[$"{ManagementOptions.SectionName}:Token"]);
        Assert.Null(pod.Validate());
    }

    [Fact]
    public void CanaryGateway_TlsVolume_MountsGatewayTlsReadOnlyWhereTheSettingsLook()
    {
        var (volume, mount) = _gateway.VolumeMount(v => v.Secret is not null);
        var configuration = _gateway.LoadConfiguration();

        Assert.Equal("gateway-tls", volume.Secret.SecretName);
        Assert.Equal(Convert.ToInt32("440", 8), volume.Secret.DefaultMode);
        Assert.Equal(1654, _gateway.Pod.SecurityContext.FsGroup);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Null(mount.SubPath);
        // `kubectl create secret tls` stores the pair under these two keys.
        Assert.Equal($"{mount.MountPath}/tls.crt", configuration["Gateway:Tls:CertificatePath"]);
        Assert.Equal($"{mount.MountPath}/tls.key", configuration["Gateway:Tls:KeyPath"]);
    }

    [Fact]
    public void CanaryGateway_TerminationGracePeriod_OutlastsTheShutdownDrain()
    {
        var shutdown = _gateway.LoadConfiguration().GetSection(Gateway.Resilience.ShutdownOptions.SectionName).Get<Gateway.Resilience.ShutdownOptions>() ?? new();

        Assert.Equal(30, _gateway.Pod.TerminationGracePeriodSeconds);
        // Drain, then in-flight requests: both must fit in the grace period, or the kubelet kills what is left.
        Assert.True((shutdown.DrainPeriod + shutdown.Timeout).TotalSeconds < _gateway.Pod.TerminationGracePeriodSeconds, $"drain {shutdown.DrainPeriod} + timeout {shutdown.Timeout} exceed the grace period");
        Assert.True(shutdown.DrainPeriod.TotalSeconds * 2 <= _gateway.Pod.TerminationGracePeriodSeconds, $"drain {shutdown.DrainPeriod} leaves too little of the grace period");
    }

    [Fact]
    public void CanaryGateway_Affinity_PrefersSpreadingReplicasOverNodes()
    {
        var term = Assert.Single(_gateway.Pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution).PodAffinityTerm;

        Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
        Assert.True(Labels.Match(term.LabelSelector.MatchLabels, _gateway.Deployment.Spec.Template.Metadata.Labels));
    }

    [Fact]
    public void CanaryGateway_Resources_AreRequestedAndLimited()
    {
        var resources = _gateway.Container.Resources;

        Assert.Equal(("100m", "128Mi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString()));
        Assert.Equal(("1", "256Mi"), (resources.Limits["cpu"].ToString(), resources.Limits["memory"].ToString()));
    }

    [Fact]
    public void CanaryGatewayService_Ports_MapHttpAndHttpsToTheGatewayListeners()
    {
        var service = _gateway.Folder.Get<V1Service>("canary-gateway");
        var ports = service.Spec.Ports.Select(p => (p.Port, p.TargetPort.Value, Pods.ResolvePort(_gateway.Container, p.TargetPort)?.ContainerPort));

        Assert.Equal("LoadBalancer", service.Spec.Type);
        Assert.Equal([_gateway.Deployment], _gateway.Folder.DeploymentsSelectedBy(service.Spec.Selector));
        Assert.Equal([(80, "http", 8080), (443, "https", (int?)8443)], ports);
    }

    [Theory]
    [InlineData("kubeapp-production-service", "production")]
    [InlineData("kubeapp-canary-service", "canary")]
    public void TrackService_Spec_IsAClusterIpWithPortHttpTo8080SelectingAppAndEnv(string name, string env)
    {
        var service = _gateway.Folder.Get<V1Service>(name);

        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "kubeapp", ["env"] = env }, service.Spec.Selector);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("http", 80, "8080"), (port.Name, port.Port, port.TargetPort.Value));
    }
}
