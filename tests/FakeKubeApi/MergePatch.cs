using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge key by key, <c>null</c> deletes a
/// key, anything else — arrays included — replaces the target's value whole.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                // Assigning in place keeps the key's position, so a patched object reads like the original.
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
