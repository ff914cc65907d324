using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>Within each folder, every name, label selector and port that points at another resource finds it.</summary>
public sealed class CrossReferenceTests
{
    /// <summary>Secrets created outside the manifests (README "Deploy to Kubernetes").</summary>
    private static readonly string[] ExternalSecrets = ["gateway-tls", "canary-gateway-management"];

    /// <summary>
    /// The pod fields the kubelet resolves for an environment variable's <c>fieldRef</c> (Kubernetes "Downward API");
    /// a single label or annotation (<c>metadata.labels['app']</c>) is checked against the pod template.
    /// </summary>
    private static readonly string[] DownwardApiFields =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void DeploymentSelector_EveryDeployment_MatchesItsOwnPodTemplate(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments, d =>
        {
            // Equality selectors only: the checks below evaluate matchLabels and nothing else.
            Assert.Null(d.Spec.Selector.MatchExpressions);
            Assert.True(
                Labels.Match(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata?.Labels),
                $"Deployment {d.Metadata.Name}'s selector does not match its pod template labels");
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void DeploymentPodTemplates_EveryPairOfDeployments_DoNotSelectEachOthersPods(string folder)
    {
        // Two Deployments whose selectors overlap fight over the same pods.
        var deployments = ManifestFolder.Load(folder).Deployments.ToList();

        Assert.All(deployments, d =>
            Assert.Equal([d], deployments.Where(other => Labels.Match(d.Spec.Selector.MatchLabels, other.Spec.Template.Metadata?.Labels))));
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void ServiceSelector_EveryService_SelectsThePodsOfADeployment(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.Services, s =>
            Assert.True(manifests.DeploymentsSelectedBy(s.Spec.Selector).Count > 0, $"Service {s.Metadata.Name} selects no Deployment's pods"));
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void ServiceTargetPort_EveryServicePort_ResolvesToAContainerPortOfEverySelectedPod(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.Services, service =>
        {
            Assert.NotEmpty(service.Spec.Ports);
            foreach (var port in service.Spec.Ports)
            {
                // An unset targetPort means "same as port"; spell it out so this check sees what kube-proxy uses.
                Assert.True(port.TargetPort is not null, $"Service {service.Metadata.Name} port {port.Port} has no targetPort");
                foreach (var deployment in manifests.DeploymentsSelectedBy(service.Spec.Selector))
                {
                    Assert.True(
                        deployment.Spec.Template.Spec.Containers.Any(c => Pods.ResolvePort(c, port.TargetPort) is not null),
                        $"Service {service.Metadata.Name} targetPort {port.TargetPort?.Value} is no container port of Deployment {deployment.Metadata.Name}");
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Probes_EveryContainer_GetAHealthPathTheImageServesOnADeclaredPort(string folder)
    {
        var containers = ManifestFolder.Load(folder).Deployments.SelectMany(d => d.Spec.Template.Spec.Containers).ToList();

        Assert.All(containers, container =>
        {
            Assert.NotNull(container.ReadinessProbe?.HttpGet);
            Assert.NotNull(container.LivenessProbe?.HttpGet);
            foreach (var (kind, httpGet) in Pods.HttpProbes(container))
            {
                var port = Pods.ResolvePort(container, httpGet.Port);
                Assert.True(port is not null, $"{container.Name}'s {kind} probe port {httpGet.Port?.Value} is not a container port");
                Assert.True(
                    AppEndpoints.Serves(Pods.ImageRepository(container.Image), port.ContainerPort, httpGet.Path),
                    $"{container.Image} does not serve {kind} probe path {httpGet.Path} on port {port.ContainerPort}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void PodDisruptionBudgetSelector_EveryBudget_SelectsTheReplicasOfOneDeployment(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.OfType<V1PodDisruptionBudget>(), pdb =>
        {
            var deployment = Assert.Single(manifests.DeploymentsSelectedBy(pdb.Spec.Selector.MatchLabels));
            Assert.True(deployment.Spec.Replicas > 1, $"PodDisruptionBudget {pdb.Metadata.Name} guards a single replica and would block node drains");
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void IngressBackends_EveryIngress_NameServicesAndPortsInTheFolder(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.OfType<V1Ingress>(), ingress =>
        {
            var backends = (ingress.Spec.Rules ?? []).SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service).Append(ingress.Spec.DefaultBackend?.Service);
            Assert.All(backends, backend =>
            {
                Assert.NotNull(backend);
                var service = manifests.Get<V1Service>(backend.Name);
                Assert.Contains(service.Spec.Ports, p => backend.Port.Name is { } name ? p.Name == name : p.Port == backend.Port.Number);
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Volumes_EveryDeployment_MountDeclaredVolumesFromConfigMapsInTheFolderOrKnownSecrets(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.Deployments, deployment =>
        {
            var spec = deployment.Spec.Template.Spec;
            var volumes = spec.Volumes ?? [];
            Assert.All(spec.Containers.SelectMany(c => c.VolumeMounts ?? []), m => Assert.Contains(volumes, v => v.Name == m.Name));
            Assert.All(volumes, v =>
            {
                Assert.Contains(spec.Containers.SelectMany(c => c.VolumeMounts ?? []), m => m.Name == v.Name);
                if (v.ConfigMap is { } configMap)
                {
                    manifests.Get<V1ConfigMap>(configMap.Name);
                }

                if (v.Secret is { } secret)
                {
                    Assert.Contains(secret.SecretName, ExternalSecrets);
                }
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void EnvironmentReferences_EveryContainer_ReadConfigMapKeysInTheFolderOrKnownSecrets(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers), container =>
        {
            Assert.Null(container.EnvFrom);
            Assert.All(container.Env ?? [], variable =>
            {
                if (variable.ValueFrom?.ConfigMapKeyRef is { } configMap)
                {
                    Assert.Contains(configMap.Key, manifests.Get<V1ConfigMap>(configMap.Name).Data.Keys);
                }

                if (variable.ValueFrom?.SecretKeyRef is { } secret)
                {
                    Assert.Contains(secret.Name, ExternalSecrets);
                }
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void DownwardApi_EveryFieldReference_NamesAPodFieldTheKubeletResolves(string folder)
    {
        Assert.All(ManifestFolder.Load(folder).Deployments, deployment =>
        {
            var template = deployment.Spec.Template;
            var fields = template.Spec.Containers.SelectMany(c => c.Env ?? []).Select(v => v.ValueFrom?.FieldRef).OfType<V1ObjectFieldSelector>();
            Assert.All(fields, field =>
            {
                // A misspelt path (status.podIp) is rejected by the API server only when the Deployment is applied.
                Assert.True(field.ApiVersion is null or "v1", $"{deployment.Metadata.Name}: fieldRef apiVersion {field.ApiVersion}");
                Assert.True(
                    DownwardApiFields.Contains(field.FieldPath)
                        || KeyOf(field.FieldPath, "metadata.labels") is { } label && (template.Metadata.Labels?.ContainsKey(label) ?? false)
                        || KeyOf(field.FieldPath, "metadata.annotations") is { } annotation && (template.Metadata.Annotations?.ContainsKey(annotation) ?? false),
                    $"{deployment.Metadata.Name}: fieldRef {field.FieldPath} is no pod field the kubelet resolves");
            });
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void ServiceAccount_EveryDeployment_UsesOneDefinedInTheFolderOrMountsNoToken(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.Deployments, deployment =>
        {
            var spec = deployment.Spec.Template.Spec;
            if (spec.ServiceAccountName is { } name)
            {
                manifests.Get<V1ServiceAccount>(name);
            }
            else
            {
                // Pods that never call the API get no token of the namespace's default account.
                Assert.False(spec.AutomountServiceAccountToken ?? true, $"Deployment {deployment.Metadata.Name} mounts the default service account's token");
            }
        });
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void RoleBindings_EveryBinding_BindsARoleToServiceAccountsInTheFolder(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.OfType<V1RoleBinding>(), binding =>
        {
            Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
            Assert.Equal("Role", binding.RoleRef.Kind);
            manifests.Get<V1Role>(binding.RoleRef.Name);
            Assert.NotEmpty(binding.Subjects);
            Assert.All(binding.Subjects, s =>
            {
                Assert.Equal("ServiceAccount", s.Kind);
                Assert.Equal("production", s.NamespaceProperty);
                manifests.Get<V1ServiceAccount>(s.Name);
            });
        });
    }

    /// <summary>The key of <c>metadata.labels['key']</c> for <paramref name="map"/> <c>metadata.labels</c>; null for other paths.</summary>
    private static string? KeyOf(string path, string map) =>
        path.StartsWith(map + "['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) ? path[(map.Length + 2)..^2] : null;
}
