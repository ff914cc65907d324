using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace FakeKubeApi;

/// <summary>
/// Test helpers that read and write the store directly, bypassing the API (no authorization, validation, faults or
/// request log), as the cluster's controllers and <c>kubectl apply</c> would have: seeding objects, playing the
/// Deployment controller, reading what a client wrote. Writes still bump the resourceVersion and notify watches.
/// </summary>
public sealed partial class FakeKubeApiServer
{
    /// <summary>
    /// Creates the object, or replaces it if one of its kind, namespace and name exists: ADDED or MODIFIED to matching
    /// watches. <typeparamref name="T"/> is a KubernetesClient model of a served kind (<see cref="V1ConfigMap"/>,
    /// <see cref="V1Lease"/>, <see cref="V1Deployment"/>, <see cref="Eventsv1Event"/>, <see cref="V1EndpointSlice"/>).
    /// Sets resourceVersion, and uid and creationTimestamp on creation; status is stored as given (this is how a test
    /// plays a controller); a Deployment's metadata.generation is 1 when created without one and grows when its spec
    /// changes. Returns the stored copy.
    /// </summary>
    public T Upsert<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var json = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(obj))!;
        return KubernetesJson.Deserialize<T>(Put(KubeResources.For(typeof(T)), json, null).Json);
    }

    /// <summary>
    /// Stores a raw JSON object of any served kind without validation, for invalid-object tests; it needs kind,
    /// apiVersion, metadata.name and metadata.namespace (or <paramref name="namespace"/>). Returns the new resourceVersion.
    /// </summary>
    public string UpsertRaw(string json, string? @namespace = null)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("Expected a JSON object.", nameof(json));
        var resource = KubeResources.FindKind((string?)node["apiVersion"], (string?)node["kind"])
            ?? throw new ArgumentException($"No served kind has apiVersion {node["apiVersion"]} and kind {node["kind"]}.", nameof(json));
        return Format(Put(resource, node, @namespace).Revision);
    }

    /// <summary>The stored object, or null.</summary>
    public T? Get<T>(string @namespace, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        _store.Get(KubeResources.For(typeof(T)), @namespace, name) is { } stored ? KubernetesJson.Deserialize<T>(stored.Json) : null;

    /// <summary>The stored objects of the kind, in one namespace or all, by namespace and name.</summary>
    public IReadOnlyList<T> List<T>(string? @namespace = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var filter = new ObjectFilter(KubeResources.For(typeof(T)), @namespace, LabelSelector.Everything, FieldSelector.Everything);
        return [.. _store.List(filter).Items.Select(o => KubernetesJson.Deserialize<T>(o.Json))];
    }

    /// <summary>Deletes the object (DELETED to matching watches). Returns the deletion's resourceVersion, or null if absent.</summary>
    public string? Delete<T>(string @namespace, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        _store.Delete(KubeResources.For(typeof(T)), @namespace, name) is { } deleted ? Format(deleted.Revision) : null;

    /// <summary>
    /// Completes with the first state of an object of the kind in <paramref name="namespace"/>, existing or written
    /// later by anyone, that satisfies <paramref name="match"/> — e.g. the Lease held by "b", the ConfigMap with a
    /// state.json in phase Promoted, an Event with reason RolledBack. <paramref name="match"/> must not block.
    /// </summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>; the message lists the kind's objects.</exception>
    public async Task<T> WaitForAsync<T>(string @namespace, Func<T, bool> match, TimeSpan timeout)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(match);
        var resource = KubeResources.For(typeof(T));
        var found = await _store.WaitForObjectAsync(o => o.Resource == resource && o.Namespace == @namespace && match(KubernetesJson.Deserialize<T>(o.Json)), timeout);
        return found is not null ? KubernetesJson.Deserialize<T>(found.Json)
            : throw new TimeoutException(
                $"No {resource.Kind} in {@namespace} matched within {timeout}. Now:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", List<T>(@namespace).Select(o => KubernetesJson.Serialize(o))));
    }

    /// <summary>
    /// Plays the Deployment controller finishing a rollout of the current spec: status.observedGeneration becomes
    /// metadata.generation, and status.replicas, updatedReplicas, readyReplicas and availableReplicas become
    /// spec.replicas (default 1). MODIFIED to watches. Returns the stored Deployment.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such Deployment.</exception>
    public V1Deployment CompleteDeploymentRollout(string @namespace, string name)
    {
        var stored = _store.Write(KubeResources.Deployments, @namespace, name, current =>
        {
            var json = current?.ParseJson() ?? throw new InvalidOperationException($"No Deployment {@namespace}/{name}.");
            var replicas = json["spec"]?["replicas"]?.GetValue<int>() ?? 1;
            if (json["status"] is not JsonObject status)
            {
                status = [];
                json["status"] = status;
            }

            status["observedGeneration"] = json["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            status["replicas"] = replicas;
            status["updatedReplicas"] = replicas;
            status["readyReplicas"] = replicas;
            status["availableReplicas"] = replicas;
            status.Remove("unavailableReplicas");
            return json;
        }, skipNoOp: false);
        return KubernetesJson.Deserialize<V1Deployment>(stored!.Json);
    }

    /// <summary>The events.k8s.io/v1 Events stored in <paramref name="namespace"/> (all when null), oldest write first.</summary>
    public IReadOnlyList<Eventsv1Event> GetEvents(string? @namespace = null) =>
        [.. List<Eventsv1Event>(@namespace).OrderBy(e => long.Parse(e.Metadata.ResourceVersion, CultureInfo.InvariantCulture))];
}
