using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Promotion <c>Deployment</c> (DESIGN.md "Across gateway replicas"): copies the canary Deployment's
/// <c>spec.template.spec</c> onto the stable Deployment, then reports stable's rollout as <c>kubectl rollout status</c>
/// judges it. Holds no state between calls, so a new leader simply calls it again.
/// </summary>
internal sealed partial class DeploymentPromoter : IRolloutPromoter
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _stable;
    private readonly string _canary;
    private readonly ILogger<DeploymentPromoter> _logger;

    public DeploymentPromoter(IKubernetes client, string @namespace, string stableDeployment, string canaryDeployment, ILogger<DeploymentPromoter> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(stableDeployment);
        ArgumentException.ThrowIfNullOrEmpty(canaryDeployment);
        _client = client;
        _namespace = @namespace;
        _stable = stableDeployment;
        _canary = canaryDeployment;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<PromotionProgress> AdvanceAsync(CancellationToken cancellationToken)
    {
        var step = "get";
        var target = _canary;
        try
        {
            var canary = await _client.AppsV1.ReadNamespacedDeploymentAsync(_canary, _namespace, cancellationToken: cancellationToken);
            target = _stable;
            var stable = await _client.AppsV1.ReadNamespacedDeploymentAsync(_stable, _namespace, cancellationToken: cancellationToken);
            var wanted = canary.Spec?.Template?.Spec;
            if (wanted is null)
            {
                return Failed($"Deployment {_canary} has no spec.template.spec to promote");
            }

            if (!JsonNode.DeepEquals(Json(stable.Spec?.Template?.Spec), Json(wanted)))
            {
                step = "patch";
                await _client.AppsV1.PatchNamespacedDeploymentAsync(TemplatePatch(wanted), _stable, _namespace, cancellationToken: cancellationToken);
                var patched = $"patched stable {_stable} with canary's template ({Images(wanted)})";
                LogPatched(_logger, _stable, _canary, Images(wanted));
                return new PromotionProgress(PromotionStatus.Waiting, patched);
            }

            return DeploymentRolloutStatus.Of(stable, _stable, Images(wanted));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return Failed($"cannot {step} Deployment {target}: {KubernetesApiError.Describe(ex)}");
        }
    }

    /// <inheritdoc />
    public async Task<string?> ScaleDownCanaryAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not the /scale subresource: a merge patch of spec.replicas needs only "patch deployments", which the Role grants by name.
            var patch = new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch);
            await _client.AppsV1.PatchNamespacedDeploymentAsync(patch, _canary, _namespace, cancellationToken: cancellationToken);
            LogScaledDown(_logger, _canary);
            return null;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var reason = $"cannot scale Deployment {_canary} to 0: {KubernetesApiError.Describe(ex)}";
            LogFailed(_logger, reason);
            return reason;
        }
    }

    /// <summary>
    /// A JSON patch replacing the whole pod spec: a merge or strategic merge patch would keep what only stable has (an
    /// env var, a volume, a sidecar), so stable would not run exactly what passed the canary's checks. Template
    /// metadata stays: stable's labels must keep matching its own selector.
    /// </summary>
    private static V1Patch TemplatePatch(V1PodSpec spec)
    {
        var operations = new JsonArray(new JsonObject
        {
            ["op"] = "replace",
            ["path"] = "/spec/template/spec",
            ["value"] = Json(spec),
        });
        return new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
    }

    private static JsonNode? Json(V1PodSpec? spec) => spec is null ? null : JsonNode.Parse(KubernetesJson.Serialize(spec));

    /// <summary>The containers' images, e.g. <c>app=registry/kubeapp:2.0</c>, which is what an operator recognises a revision by.</summary>
    private static string Images(V1PodSpec spec) =>
        spec.Containers is { Count: > 0 } containers ? string.Join(", ", containers.Select(c => $"{c.Name}={c.Image}")) : "no containers";

    private PromotionProgress Failed(string reason)
    {
        LogFailed(_logger, reason);
        return new PromotionProgress(PromotionStatus.Failed, reason);
    }
}
