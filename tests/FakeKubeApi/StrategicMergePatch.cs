using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the built-in types the fake serves.
/// Like a merge patch, except that lists of objects declared <c>patchStrategy:"merge"</c> in the Go types merge item
/// by item on their merge key (containers and env by <c>name</c>, volumeMounts by <c>mountPath</c>...), and the
/// directives <c>$patch: replace|delete</c>, <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/&lt;field&gt;</c> apply.
/// </summary>
/// <remarks>
/// Simplifications, stated so that a test relying on them knows: the merge key is looked up by field name, not by the
/// field's path in the schema (right for the Deployment, Lease, ConfigMap and Event fields that have one); new list
/// items are appended, and <c>$setElementOrder/&lt;field&gt;</c> is accepted but ignored, so merged lists keep the
/// existing order rather than the patch's.
/// </remarks>
internal static class StrategicMergePatch
{
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ports"] = "containerPort",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
    };

    /// <summary>Lists of scalars declared <c>patchStrategy:"merge"</c>: the patch's values are added to the existing ones.</summary>
    private static readonly HashSet<string> MergedScalarLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonObject Apply(JsonObject target, JsonObject patch) =>
        MergeObject((JsonObject)target.DeepClone(), patch) ?? throw Error("$patch: delete of the whole object");

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place; returns the result, or null when deleted.</summary>
    private static JsonObject? MergeObject(JsonObject target, JsonObject patch)
    {
        switch (Directive(patch))
        {
            case "replace":
                return (JsonObject)WithoutDirectives(patch)!;
            case "delete":
                return null;
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (target[field] is JsonArray values && value is JsonArray remove)
                {
                    target[field] = new JsonArray([.. values.Where(v => !remove.Any(r => JsonNode.DeepEquals(r, v))).Select(v => v?.DeepClone())]);
                }
            }
            else if (key.StartsWith('$'))
            {
                // $patch and $retainKeys are handled around this loop; $setElementOrder is ignored (see remarks).
            }
            else if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject changes && target[key] is JsonObject existing)
            {
                var merged = MergeObject(existing, changes);
                if (merged is null)
                {
                    target.Remove(key);
                }
                else if (!ReferenceEquals(merged, existing))
                {
                    target[key] = merged;
                }
            }
            else if (value is JsonArray items && target[key] is JsonArray current && MergeKeys.TryGetValue(key, out var mergeKey))
            {
                target[key] = MergeList(current, items, mergeKey);
            }
            else if (value is JsonArray added && target[key] is JsonArray present && MergedScalarLists.Contains(key))
            {
                target[key] = new JsonArray([.. present.Select(v => v?.DeepClone()), .. added.Where(a => !present.Any(p => JsonNode.DeepEquals(p, a))).Select(a => a?.DeepClone())]);
            }
            else
            {
                target[key] = WithoutDirectives(value);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => (string?)k).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray current, JsonArray patch, string mergeKey)
    {
        if (patch.Any(item => item is JsonObject o && Directive(o) == "replace"))
        {
            return new JsonArray([.. patch.Where(item => !(item is JsonObject o && Directive(o) == "replace")).Select(WithoutDirectives)]);
        }

        var result = new JsonArray([.. current.Select(item => item?.DeepClone())]);
        foreach (var item in patch)
        {
            if (item is not JsonObject change || change[mergeKey] is not { } id)
            {
                throw Error($"map: {item?.ToJsonString()} does not contain declared merge key: {mergeKey}");
            }

            var at = IndexOf(result, mergeKey, id);
            if (Directive(change) == "delete")
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (at < 0)
            {
                result.Add(WithoutDirectives(change));
            }
            else
            {
                var merged = MergeObject((JsonObject)result[at]!, change);
                if (merged is null)
                {
                    result.RemoveAt(at);
                }
                else if (!ReferenceEquals(merged, result[at]))
                {
                    result[at] = merged;
                }
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject item && JsonNode.DeepEquals(item[mergeKey], id))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Directive(JsonObject patch) => patch["$patch"] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) && text is "replace" or "delete" or "merge" => text,
        var other => throw Error($"Unknown patch type: {other.ToJsonString()}"),
    };

    /// <summary>New content from a patch, with any directives inside it dropped.</summary>
    private static JsonNode? WithoutDirectives(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => !p.Key.StartsWith('$')).Select(p => KeyValuePair.Create(p.Key, WithoutDirectives(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutDirectives)]),
        _ => node?.DeepClone(),
    };

    private static KubeApiException Error(string message) => new(KubeApiStatus.BadRequest(message));
}
