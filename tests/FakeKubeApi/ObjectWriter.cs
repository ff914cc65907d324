using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// Create, update (PUT), patch and delete with kube-apiserver's semantics: 201 on create and 409 AlreadyExists for a
/// taken name; 404 for a write to a missing object (no create-on-update for these kinds); the resourceVersion in an
/// update or patch body, or in a delete's preconditions, as an optimistic-concurrency precondition (409 Conflict when
/// stale, none when empty); server-owned fields kept (<see cref="ServerFields"/>); validation (<see cref="ObjectValidator"/>);
/// and a no-op write that commits nothing. Failures are thrown as <see cref="KubeApiException"/>.
/// </summary>
internal sealed class ObjectWriter(ResourceStore store)
{
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public (int Code, string Json) Create(KubeResource resource, string @namespace, string? body)
    {
        var json = Decode(resource, @namespace, body);
        var metadata = (JsonObject)json["metadata"]!;
        var name = Text(metadata, "name");
        if (string.IsNullOrEmpty(name))
        {
            var prefix = Text(metadata, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw new KubeApiException(KubeApiStatus.Invalid(resource, "", [FieldError.Required("metadata.name", "name or generateName is required")]));
            }

            name = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => NameSuffixAlphabet[Random.Shared.Next(NameSuffixAlphabet.Length)]));
            metadata["name"] = name;
        }

        if (!string.IsNullOrEmpty(Text(metadata, "resourceVersion")))
        {
            // etcd3 storage's own check; kube-apiserver passes it on as an internal error.
            throw new KubeApiException(KubeApiStatus.Of(500, "resourceVersion should not be set on objects to be created"));
        }

        // The server assigns identity and creation time, whatever the client sent.
        metadata.Remove("uid");
        metadata.Remove("creationTimestamp");
        ServerFields.ForCreate(resource, json, fromApi: true);
        ObjectValidator.Validate(resource, name, json);
        var stored = store.Write(resource, @namespace, name, current => current is null ? json : throw new KubeApiException(KubeApiStatus.AlreadyExists(resource, name)), skipNoOp: false);
        return (201, stored!.Json);
    }

    public (int Code, string Json) Update(KubeResource resource, string @namespace, string name, string? body)
    {
        var json = Decode(resource, @namespace, body);
        var bodyName = Text((JsonObject)json["metadata"]!, "name") ?? "";
        if (bodyName != name)
        {
            throw new KubeApiException(KubeApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})"));
        }

        var stored = store.Write(resource, @namespace, name, current => Replace(resource, name, current, json), skipNoOp: true);
        return (200, stored!.Json);
    }

    public (int Code, string Json) Patch(KubeResource resource, string @namespace, string name, string? contentType, string? body)
    {
        var stored = store.Write(resource, @namespace, name, current =>
        {
            var patched = ObjectPatcher.Apply(contentType, current?.ParseJson() ?? throw new KubeApiException(KubeApiStatus.NotFound(resource, name)), body ?? "");
            var metadata = patched["metadata"] as JsonObject ?? throw new KubeApiException(KubeApiStatus.BadRequest("the patch removed metadata"));

            // A patch cannot move or rename the object; kube-apiserver rejects such a patch, the fake ignores it.
            metadata["name"] = name;
            metadata["namespace"] = @namespace;
            return Replace(resource, name, current, patched);
        }, skipNoOp: true);
        return (200, stored!.Json);
    }

    public (int Code, string Json) Delete(KubeResource resource, string @namespace, string name, string? body)
    {
        var options = string.IsNullOrWhiteSpace(body) ? null : Parse(body, "DeleteOptions");
        var wantVersion = options?["preconditions"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var version) ? version : null;
        var wantUid = options?["preconditions"]?["uid"] is JsonValue u && u.TryGetValue<string>(out var uid) ? uid : null;
        var deleted = store.Write(resource, @namespace, name, current =>
        {
            if (current is null)
            {
                throw new KubeApiException(KubeApiStatus.NotFound(resource, name));
            }

            var currentVersion = current.Revision.ToString(CultureInfo.InvariantCulture);
            if (wantUid is not null && wantUid != current.Uid)
            {
                throw new KubeApiException(KubeApiStatus.Conflict(resource, name, $"Precondition failed: UID in precondition: {wantUid}, UID in object meta: {current.Uid}"));
            }

            if (wantVersion is not null && wantVersion != currentVersion)
            {
                throw new KubeApiException(KubeApiStatus.Conflict(resource, name, $"Precondition failed: ResourceVersion in precondition: {wantVersion}, ResourceVersion in object meta: {currentVersion}"));
            }

            return null;
        }, skipNoOp: false);

        // These kinds' registries answer a delete with a Success Status, not the deleted object.
        return (200, KubeJson.Success(KubeApiStatus.DetailsOf(resource, name, deleted!.Uid)));
    }

    /// <summary>The checks and server fields an update and a patch share; runs under the store's lock.</summary>
    private static JsonObject Replace(KubeResource resource, string name, StoredObject? current, JsonObject next)
    {
        if (current is null)
        {
            throw new KubeApiException(KubeApiStatus.NotFound(resource, name));
        }

        var metadata = (JsonObject)next["metadata"]!;
        var uid = Text(metadata, "uid");
        if (!string.IsNullOrEmpty(uid) && uid != current.Uid)
        {
            throw new KubeApiException(KubeApiStatus.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}"));
        }

        var version = Text(metadata, "resourceVersion");
        if (!string.IsNullOrEmpty(version) && version != current.Revision.ToString(CultureInfo.InvariantCulture))
        {
            throw new KubeApiException(KubeApiStatus.Conflict(resource, name, KubeApiStatus.StaleObject));
        }

        ServerFields.ForUpdate(resource, current, next, fromApi: true);
        ObjectValidator.Validate(resource, name, next);
        return next;
    }

    /// <summary>
    /// Reads a create or update body: a JSON object of this kind (kind and apiVersion may be left out, as the path
    /// implies them), whose namespace, if set, is the path's.
    /// </summary>
    private static JsonObject Decode(KubeResource resource, string @namespace, string? body)
    {
        var json = Parse(body ?? "", resource.Kind);
        if (Text(json, "apiVersion") is { } apiVersion && apiVersion != resource.ApiVersion)
        {
            throw new KubeApiException(KubeApiStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion})"));
        }

        if (Text(json, "kind") is { } kind && kind != resource.Kind)
        {
            throw new KubeApiException(KubeApiStatus.BadRequest($"the object provided is unrecognized (must be of type {resource.Kind}): kind {kind}"));
        }

        json["kind"] = resource.Kind;
        json["apiVersion"] = resource.ApiVersion;
        if (json["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            json["metadata"] = metadata;
        }

        var given = Text(metadata, "namespace");
        if (!string.IsNullOrEmpty(given) && given != @namespace)
        {
            throw new KubeApiException(KubeApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }

        metadata["namespace"] = @namespace;
        return json;
    }

    private static JsonObject Parse(string body, string type)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject
                ?? throw new KubeApiException(KubeApiStatus.BadRequest($"the object provided is unrecognized (must be of type {type}): not a JSON object"));
        }
        catch (JsonException e)
        {
            throw new KubeApiException(KubeApiStatus.BadRequest($"the object provided is unrecognized (must be of type {type}): couldn't get version/kind; json parse error: {e.Message}"));
        }
    }

    /// <summary>A string field; any other JSON type there is a decoding error, as it is for Go's typed decoder.</summary>
    private static string? Text(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new KubeApiException(KubeApiStatus.BadRequest($"json: cannot unmarshal {field} into Go struct field of type string")),
    };
}
