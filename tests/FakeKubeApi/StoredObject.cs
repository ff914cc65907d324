using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>One immutable version of an object as the store keeps it: its JSON text plus what selectors need.</summary>
internal sealed class StoredObject
{
    private StoredObject(KubeResource resource, JsonObject json, string @namespace, string name, long revision)
    {
        Resource = resource;
        Json = json.ToJsonString(KubeJson.WriteOptions);
        Namespace = @namespace;
        Name = name;
        Revision = revision;
        var metadata = (JsonObject)json["metadata"]!;
        Uid = (string?)metadata["uid"];
        CreationTimestamp = (string?)metadata["creationTimestamp"];
        Labels = metadata["labels"] is JsonObject labels
            ? labels.Where(l => l.Value is JsonValue).ToDictionary(l => l.Key, l => l.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public KubeResource Resource { get; }

    /// <summary>The object as a watch event carries it: kind and apiVersion included.</summary>
    public string Json { get; }

    public string Namespace { get; }

    public string Name { get; }

    public long Revision { get; }

    public string? Uid { get; }

    public string? CreationTimestamp { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The store key: type, then namespace and name, so a list of one type comes out in namespace/name order.</summary>
    public string Key => KeyOf(Resource, Namespace, Name);

    public static string KeyOf(KubeResource resource, string @namespace, string name) => resource.Plural + "/" + @namespace + "/" + name;

    /// <summary>Snapshots <paramref name="json"/>, whose metadata must already hold name, namespace and resourceVersion.</summary>
    public static StoredObject From(KubeResource resource, JsonObject json, long revision)
    {
        var metadata = (JsonObject)json["metadata"]!;
        return new StoredObject(resource, json, (string)metadata["namespace"]!, (string)metadata["name"]!, revision);
    }

    /// <summary>
    /// The same content stamped with another resourceVersion: kube-apiserver sends a deleted object (or one that
    /// stopped matching the selector) with the revision of the deletion, not of its last write.
    /// </summary>
    public StoredObject WithRevision(long revision)
    {
        var json = ParseJson();
        json["metadata"]!["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        return new StoredObject(Resource, json, Namespace, Name, revision);
    }

    /// <summary>
    /// The object as a list item. kube-apiserver omits kind and apiVersion on the items of a list
    /// (kubernetes/kubernetes#3030), so a client must not rely on them there.
    /// </summary>
    public string ListItemJson()
    {
        var json = ParseJson();
        json.Remove("kind");
        json.Remove("apiVersion");
        return json.ToJsonString(KubeJson.WriteOptions);
    }

    public JsonObject ParseJson() => (JsonObject)JsonNode.Parse(Json)!;
}
