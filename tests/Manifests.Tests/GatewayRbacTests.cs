using Gateway.Rollouts;
using k8s.Models;
using Manifests.Tests.Infrastructure;
using Manifests.Tests.Rbac;
using Microsoft.Extensions.Configuration;

namespace Manifests.Tests;

/// <summary>
/// k8s/gateway: the gateway's one Role grants exactly <see cref="GatewayApiCalls"/> (DESIGN.md "Across gateway
/// replicas"), with the patch on stable only when the deployment-promotion component is included.
/// </summary>
public sealed class GatewayRbacTests
{
    private const string PromotionComponent = "deployment-promotion";

    private readonly GatewayManifests _gateway = new();

    [Fact]
    public void Role_AsShipped_GrantsExactlyTheGatewaysApiCallsWithoutDeploymentPromotion()
    {
        var role = _gateway.Folder.Get<V1Role>("canary-gateway");

        Assert.Equal(GatewayApiCalls.Grants(GatewayApiCalls.Rules(deploymentPromotion: false)), Grants(role));
    }

    [Fact]
    public void Role_WithTheDeploymentPromotionComponent_GrantsExactlyTheGatewaysApiCallsWithDeploymentPromotion()
    {
        var role = KustomizeBuild.Role(_gateway.Folder, "canary-gateway", [PromotionComponent]);

        Assert.Equal(GatewayApiCalls.Grants(GatewayApiCalls.Rules(deploymentPromotion: true)), Grants(role));
    }

    [Fact]
    public void Role_AsTheKustomizationBuildsIt_LetsThePatchOnStableGoWithPromotionDeploymentInTheConfigMap()
    {
        var promotion = _gateway.LoadConfiguration().GetSection(RolloutOptions.SectionName).Get<RolloutOptions>()?.Promotion ?? RolloutPromotion.Manual;
        var role = KustomizeBuild.Role(_gateway.Folder, "canary-gateway");
        var rules = role.Rules.Select(ToTableRule).ToList();

        // As shipped: Manual, and no component. Whoever switches one must switch the other (README "Deploy to Kubernetes").
        Assert.Equal(RolloutPromotion.Manual, promotion);
        Assert.Empty(_gateway.Folder.Kustomization.Components);
        Assert.Equal(promotion == RolloutPromotion.Deployment, GatewayApiCalls.Allows(rules, "apps", "deployments", "patch", GatewayApiCalls.StableDeployment));
    }

    [Fact]
    public void Role_Rules_NameOneGroupAndResourceWithoutWildcardsOrNonResourceUrls()
    {
        var role = KustomizeBuild.Role(_gateway.Folder, "canary-gateway", [PromotionComponent]);

        Assert.All(role.Rules, rule =>
        {
            // One group and one resource per rule: several would also grant every pairing of them.
            Assert.Single(rule.ApiGroups);
            Assert.Single(rule.Resources);
            Assert.DoesNotContain("*", rule.ApiGroups.Concat(rule.Resources).Concat(rule.Verbs));
            Assert.Null(rule.NonResourceURLs);
            Assert.NotEqual(0, rule.ResourceNames?.Count);
        });
    }

    [Fact]
    public void GatewayApiCalls_RulesWithResourceNames_NeverGrantCreate()
    {
        // The API server authorizes a create before the object (and its name) exists: such a rule would never match.
        var named = GatewayApiCalls.Rules(deploymentPromotion: true).Where(r => r.ResourceNames is { Count: > 0 }).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, r => Assert.DoesNotContain("create", r.Verbs));
    }

    [Fact]
    public void GatewayApiCalls_RulesWithoutResourceNames_OnlyCreateOrReadEndpointSlicesWhoseNamesAreGenerated()
    {
        var unnamed = GatewayApiCalls.Rules(deploymentPromotion: true).Where(r => r.ResourceNames is not { Count: > 0 });

        Assert.All(unnamed, r => Assert.True(
            r.Verbs.SequenceEqual(["create"]) || (r.Resource == "endpointslices" && r.Verbs.All(v => v is "get" or "list" or "watch")),
            $"{r.ApiGroup}/{r.Resource} {string.Join(',', r.Verbs)} is granted for any name"));
    }

    [Fact]
    public void GatewayApiCalls_DeploymentNames_AreTheTracksDeploymentsInTheFolderAndTheSettings()
    {
        var configuration = _gateway.LoadConfiguration();

        Assert.Equal(GatewayApiCalls.StableDeployment, configuration["Gateway:Tracks:Stable:Deployment"]);
        Assert.Equal(GatewayApiCalls.CanaryDeployment, configuration["Gateway:Tracks:Canary:Deployment"]);
        _gateway.Folder.Get<V1Deployment>(GatewayApiCalls.StableDeployment);
        _gateway.Folder.Get<V1Deployment>(GatewayApiCalls.CanaryDeployment);
        Assert.Equal([GatewayApiCalls.StableDeployment], GatewayApiCalls.PatchStable.ResourceNames);
    }

    [Theory]
    [InlineData("", "configmaps", "watch", GatewayApiCalls.RolloutObjectName, true)]
    [InlineData("", "configmaps", "update", GatewayApiCalls.RolloutObjectName, true)]
    [InlineData("", "configmaps", "create", null, true)]
    [InlineData("coordination.k8s.io", "leases", "update", GatewayApiCalls.RolloutObjectName, true)]
    [InlineData("discovery.k8s.io", "endpointslices", "watch", null, true)]
    [InlineData("events.k8s.io", "events", "create", null, true)]
    [InlineData("apps", "deployments", "get", GatewayApiCalls.CanaryDeployment, true)]
    // A watch without the field selector metadata.name asks for every ConfigMap.
    [InlineData("", "configmaps", "watch", null, false)]
    [InlineData("", "configmaps", "get", "canary-gateway-config", false)]
    [InlineData("", "configmaps", "delete", GatewayApiCalls.RolloutObjectName, false)]
    [InlineData("coordination.k8s.io", "leases", "get", "some-other-lease", false)]
    [InlineData("", "events", "create", null, false)]
    [InlineData("", "secrets", "get", "canary-gateway-management", false)]
    [InlineData("", "pods", "list", null, false)]
    [InlineData("apps", "deployments", "patch", GatewayApiCalls.StableDeployment, false)]
    [InlineData("apps", "deployments", "list", null, false)]
    public void Role_AsShipped_AllowsARequestExactlyWhenTheTableDoes(string group, string resource, string verb, string? name, bool allowed)
    {
        var role = _gateway.Folder.Get<V1Role>("canary-gateway");

        Assert.Equal(allowed, GatewayApiCalls.Allows(GatewayApiCalls.Rules(deploymentPromotion: false), group, resource, verb, name));
        Assert.Equal(allowed, GatewayApiCalls.Allows(role.Rules.Select(ToTableRule), group, resource, verb, name));
    }

    [Theory]
    [InlineData(GatewayApiCalls.StableDeployment, true)]
    [InlineData(GatewayApiCalls.CanaryDeployment, false)]
    [InlineData(null, false)]
    public void Role_WithTheDeploymentPromotionComponent_PatchesOnlyStable(string? name, bool allowed)
    {
        var role = KustomizeBuild.Role(_gateway.Folder, "canary-gateway", [PromotionComponent]);

        Assert.Equal(allowed, GatewayApiCalls.Allows(role.Rules.Select(ToTableRule), "apps", "deployments", "patch", name));
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void RolloutLeaseAndStateConfigMap_EveryFolder_AreLeftForTheGatewayToCreate(string folder)
    {
        // `kubectl apply` would reset a manifest's state ConfigMap to what the file says, in the middle of a rollout;
        // leader election does not acquire a Lease a manifest created empty (DESIGN.md "Across gateway replicas").
        var manifests = ManifestFolder.Load(folder);

        Assert.Empty(manifests.OfType<V1Lease>());
        Assert.DoesNotContain(GatewayApiCalls.RolloutObjectName, manifests.OfType<V1ConfigMap>().Select(c => c.Metadata.Name));
        // Components only patch (KustomizeComponent declares nothing else), so they cannot bring one either.
        Assert.All(manifests.ComponentNames, c => manifests.Component(c));
    }

    [Fact]
    public void Rbac_Folder_GrantsNothingBesidesTheGatewayRole()
    {
        Assert.Equal(["canary-gateway"], _gateway.Folder.OfType<V1Role>().Select(r => r.Metadata.Name));
        Assert.Equal(["canary-gateway"], _gateway.Folder.OfType<V1RoleBinding>().Select(r => r.Metadata.Name));
    }

    [Fact]
    public void RoleBinding_Subjects_BindTheRoleToTheServiceAccountTheGatewayRunsAs()
    {
        var binding = _gateway.Folder.Get<V1RoleBinding>("canary-gateway");

        var subject = Assert.Single(binding.Subjects);

        Assert.Equal(("Role", "canary-gateway"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", _gateway.Pod.ServiceAccountName, "production"), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.NotEqual(false, _gateway.Pod.AutomountServiceAccountToken);
    }

    /// <summary>Every permission of the Role's rules, in <see cref="GatewayApiCalls.Grants"/>'s format.</summary>
    private static IReadOnlyList<string> Grants(V1Role role) =>
    [
        .. role.Rules
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.SelectMany(v =>
                (r.ResourceNames is { Count: > 0 } names ? names : ["*"]).Select(n => GatewayApiCalls.Grant(g, res, v, n))))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>A one-group, one-resource rule of the Role in the table's shape (Role_Rules_… checks there is one of each).</summary>
    private static GatewayApiCalls.Rule ToTableRule(V1PolicyRule rule) =>
        new(Assert.Single(rule.ApiGroups), Assert.Single(rule.Resources), [.. rule.Verbs], rule.ResourceNames is { } names ? [.. names] : null);
}
