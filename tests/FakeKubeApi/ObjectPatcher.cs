using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>Applies a PATCH body to an object by its Content-Type, as kube-apiserver's patch handler chooses the patcher.</summary>
internal static class ObjectPatcher
{
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string JsonPatchType = "application/json-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    public static JsonObject Apply(string? contentType, JsonObject current, string body)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case MergePatchType:
                return MergePatch.Apply(current, Parse(body)) as JsonObject ?? throw BadRequest("the patch does not leave an object");
            case StrategicMergePatchType:
                return StrategicMergePatch.Apply(current, Parse(body) as JsonObject ?? throw BadRequest("a strategic merge patch must be a JSON object"));
            case JsonPatchType:
                return JsonPatch.Apply(current, Parse(body) as JsonArray ?? throw BadRequest("a JSON patch must be a JSON array of operations"));
            case ApplyPatchType:
                // Server-side apply needs managed fields and ownership; nothing the gateway uses, so 415 says so plainly.
                throw new KubeApiException(KubeApiStatus.Of(415, "FakeKubeApiServer does not implement server-side apply (application/apply-patch+yaml)"));
            default:
                throw new KubeApiException(KubeApiStatus.Of(
                    415,
                    $"the body of the request was in an unknown format - accepted media types include: {JsonPatchType}, {MergePatchType}, {ApplyPatchType}, {StrategicMergePatchType}"));
        }
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw BadRequest($"error decoding patch: {e.Message}");
        }
    }

    private static KubeApiException BadRequest(string message) => new(KubeApiStatus.BadRequest(message));
}
