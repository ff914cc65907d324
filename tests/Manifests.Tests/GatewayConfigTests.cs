using Gateway.Canary;
using Gateway.Discovery;
using Gateway.Hosting;
using Gateway.Tracks;
using Manifests.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using k8s.Models;

namespace Manifests.Tests;

/// <summary>k8s/gateway: the settings in the canary-gateway-config ConfigMap.</summary>
public sealed class GatewayConfigTests
{
    private readonly GatewayManifests _gateway = new();
    private readonly IConfiguration _configuration;

    public GatewayConfigTests()
    {
        _configuration = _gateway.LoadConfiguration();
    }

    [Fact]
    public void Settings_Discovery_IsKubernetesInNamespaceProduction()
    {
        var discovery = _configuration.GetSection(DiscoveryOptions.SectionName).Get<DiscoveryOptions>();

        Assert.Equal(DiscoveryMode.Kubernetes, discovery?.Discovery);
        Assert.Equal("production", discovery?.Kubernetes.Namespace);
        Assert.Equal(_gateway.Deployment.Metadata.NamespaceProperty, discovery?.Kubernetes.Namespace);
    }

    [Fact]
    public void Settings_Canary_WeightIsZeroSoOnlyTestersReachTheCanaryOutsideARollout()
    {
        // DESIGN.md "Rollouts": with rollouts on, phase Idle uses this weight; 0 keeps users off an unreleased canary.
        Assert.Equal(0, Bind<CanaryOptions>(CanaryOptions.SectionName).Weight);
        Assert.Equal("0", _configuration["Gateway:Canary:Weight"]);
    }

    [Fact]
    public void Settings_TrackDeployments_NameTheDeploymentsWhosePodsBackEachTrackService()
    {
        var tracks = Bind<TracksOptions>(TracksOptions.SectionName);

        Assert.All(new[] { (tracks.Stable, tracks.StableService), (tracks.Canary, tracks.CanaryService) }, expected =>
        {
            var (track, serviceName) = expected;
            Assert.NotNull(track.Deployment);
            var deployment = _gateway.Folder.Get<V1Deployment>(track.Deployment);
            var service = _gateway.Folder.Get<V1Service>(serviceName);
            Assert.Equal([deployment], _gateway.Folder.DeploymentsSelectedBy(service.Spec.Selector));
        });
        // The gateway's defaults, spelt out in the ConfigMap.
        Assert.Equal((TracksOptions.DefaultStableDeployment, TracksOptions.DefaultCanaryDeployment), (tracks.Stable.Deployment, tracks.Canary.Deployment));
    }

    [Fact]
    public void Settings_TrackServices_ExistInTheFolderWithTheConfiguredPortName()
    {
        var tracks = Bind<TracksOptions>(TracksOptions.SectionName);

        Assert.All(new[] { ("kubeapp-production-service", tracks.Stable), ("kubeapp-canary-service", tracks.Canary) }, expected =>
        {
            var (name, track) = expected;
            Assert.Equal(name, track.Service);
            var service = _gateway.Folder.Get<V1Service>(name);
            // The EndpointSlice port carries the Service port's name; Gateway:Tracks:*:PortName picks it.
            Assert.Contains(service.Spec.Ports, p => p.Name == track.PortName);
            Assert.Empty(track.Destinations);
        });
    }

    [Fact]
    public void Settings_Hosts_PinOnlyCanaryFooBarToCanary()
    {
        var tracks = Bind<TracksOptions>(TracksOptions.SectionName);

        Assert.Null(tracks.Stable.Hosts);
        Assert.Empty(tracks.StableHosts);
        Assert.Equal(["canary.foo.bar"], tracks.CanaryHosts);
    }

    [Fact]
    public void Settings_ListenAddresses_UseTheContainerPorts()
    {
        var listen = Bind<GatewayListenOptions>(GatewayListenOptions.SectionName);

        Assert.Equal(_gateway.ContainerPort("http"), Port(listen.Http, "http"));
        Assert.Equal(_gateway.ContainerPort("https"), Port(listen.Https, "https"));
        Assert.Equal(_gateway.ContainerPort("management"), Port(listen.Management, "http"));
    }

    [Fact]
    public void Settings_GatewaySection_HasOnlyKeysTheGatewayKnows()
    {
        // The gateway's own check, the one that stops it at startup: every key under Gateway: must be a setting.
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Gateway.GatewayApp.AddGatewayFeatures(services, _configuration);
        Assert.Null(Gateway.Configuration.UnknownKeys.Validate(_configuration, Gateway.Configuration.GatewaySettingsExtensions.GetGatewaySettings(services).Sections));
    }

    /// <summary>Binds as the gateway does, but a key the options do not have (a typo) throws.</summary>
    private T Bind<T>(string section)
        where T : new() => _configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();

    private static int Port(string url, string scheme)
    {
        // Kestrel-style wildcard hosts are not valid URI hosts; the port is what matters here.
        var uri = new Uri(url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal));
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal("0.0.0.0", uri.Host);
        return uri.Port;
    }
}
