using Gateway.Rollouts;
using k8s.Models;
using Manifests.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Manifests.Tests;

/// <summary>
/// k8s/gateway: what lets the two gateway replicas share one rollout (DESIGN.md "Across gateway replicas"): each
/// knows its own name and address, they find each other through the management Service, and voluntary disruptions
/// leave one running. The Role is GatewayRbacTests'.
/// </summary>
public sealed class GatewayReplicasTests
{
    private readonly GatewayManifests _gateway = new();

    [Fact]
    public void CanaryGateway_PodName_ComesFromTheDownwardApiAndIsTheRolloutIdentity()
    {
        var variable = _gateway.EnvVar("POD_NAME");
        var rollout = Rollout();

        Assert.Null(variable.Value);
        Assert.Equal("metadata.name", variable.ValueFrom?.FieldRef?.FieldPath);
        // The gateway falls back to POD_NAME only while Identity is unset; a fixed Identity would be shared by both
        // replicas, and two candidates holding one name would both think they lead.
        Assert.Null(rollout.Identity);
    }

    [Fact]
    public void CanaryGateway_PodIp_ComesFromTheDownwardApi()
    {
        var variable = _gateway.EnvVar("POD_IP");

        Assert.Null(variable.Value);
        Assert.Equal("status.podIP", variable.ValueFrom?.FieldRef?.FieldPath);
    }

    [Fact]
    public void CanaryGateway_WithTheDownwardApiVariables_PassesStartupValidation()
    {
        using var pod = new GatewayPod(_gateway);

        Assert.False(string.IsNullOrEmpty(pod.Configuration["POD_NAME"]));
        Assert.False(string.IsNullOrEmpty(pod.Configuration["POD_IP"]));
        Assert.Null(pod.Validate());
    }

    [Fact]
    public void CanaryGatewayPdb_WithTwoReplicas_KeepsOneGatewayServingThroughVoluntaryDisruptions()
    {
        var pdb = _gateway.Folder.Get<V1PodDisruptionBudget>("canary-gateway");

        Assert.Equal(2, _gateway.Deployment.Spec.Replicas);
        Assert.Equal("1", pdb.Spec.MaxUnavailable?.Value);
        Assert.Null(pdb.Spec.MinAvailable);
        Assert.Equal([_gateway.Deployment], _gateway.Folder.DeploymentsSelectedBy(pdb.Spec.Selector.MatchLabels));
    }

    [Fact]
    public void ManagementService_Spec_IsAClusterIpOnPort9090SelectingTheGatewayPods()
    {
        var service = _gateway.Folder.Get<V1Service>("canary-gateway-management");

        var port = Assert.Single(service.Spec.Ports);

        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal([_gateway.Deployment], _gateway.Folder.DeploymentsSelectedBy(service.Spec.Selector));
        Assert.Equal(("management", 9090, "management"), (port.Name, port.Port, port.TargetPort.Value));
        Assert.Equal(_gateway.ContainerPort("management"), Pods.ResolvePort(_gateway.Container, port.TargetPort)?.ContainerPort);
        Assert.Null(port.NodePort);
        Assert.Null(service.Spec.ExternalIPs);
        // A virtual IP the cluster picks: neither headless ("None") nor pinned.
        Assert.Null(service.Spec.ClusterIP);
    }

    [Fact]
    public void ManagementService_Name_IsThePeersServiceTheGatewayReads()
    {
        Assert.Equal(Rollout().PeersService, _gateway.Folder.Get<V1Service>("canary-gateway-management").Metadata.Name);
    }

    [Fact]
    public void ManagementService_PublishNotReadyAddresses_IsExplicitlyOffSoReadyStaysTruthful()
    {
        // Spelled out because it is a choice (the manifest says why): with true, a starting replica's endpoint would
        // say ready and the leader would wait on it.
        Assert.False(_gateway.Folder.Get<V1Service>("canary-gateway-management").Spec.PublishNotReadyAddresses);
    }

    [Fact]
    public void Services_ReachingTheManagementPort_StayInsideTheCluster()
    {
        var services = _gateway.Folder.Services.Where(s => _gateway.Folder.DeploymentsSelectedBy(s.Spec.Selector).Contains(_gateway.Deployment));
        var management = services.Where(s => s.Spec.Ports.Any(p => Pods.ResolvePort(_gateway.Container, p.TargetPort)?.Name == "management")).ToList();

        Assert.Equal(["canary-gateway-management"], management.Select(s => s.Metadata.Name));
        Assert.All(management, s => Assert.Equal("ClusterIP", s.Spec.Type));
    }

    /// <summary>Binds as the gateway does, but a key the options do not have (a typo) throws.</summary>
    private RolloutOptions Rollout() =>
        _gateway.LoadConfiguration().GetSection(RolloutOptions.SectionName).Get<RolloutOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new();
}
