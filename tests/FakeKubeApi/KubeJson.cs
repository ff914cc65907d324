using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace FakeKubeApi;

/// <summary>The JSON kube-apiserver writes that is not a stored object: watch lines and Status objects.</summary>
internal static class KubeJson
{
    /// <summary>Escapes only what JSON requires (<c>\"</c>, not <c>\u0022</c>), closer to Go's encoder than the default.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The order kube-apiserver writes an object's metadata fields in (Go struct order).</summary>
    private static readonly string[] MetadataOrder =
        ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "labels", "annotations"];

    /// <summary>
    /// Puts kind, apiVersion and metadata first, and metadata's fields in Go's order, as kube-apiserver's JSON has
    /// them (KubernetesJson writes properties alphabetically). Order carries no meaning; it only keeps dumps familiar.
    /// </summary>
    public static JsonObject InApiServerOrder(JsonObject json)
    {
        if (json["metadata"] is JsonObject metadata)
        {
            json.Remove("metadata");
            json["metadata"] = Reordered(metadata, MetadataOrder);
        }

        return Reordered(json, ["kind", "apiVersion", "metadata"]);
    }

    /// <summary>One line of a watch stream: <c>{"type":"ADDED","object":{...}}</c> and a newline.</summary>
    public static string WatchLine(WatchEventType type, string objectJson) =>
        "{\"type\":\"" + TypeName(type) + "\",\"object\":" + objectJson + "}\n";

    /// <summary>A <c>Status</c> failure, as kube-apiserver returns for errors (in a body or in a watch ERROR event).</summary>
    public static string Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status.ToJsonString(WriteOptions);
    }

    /// <summary>The <c>Status</c> a delete answers with for kinds whose registry does not return the deleted object.</summary>
    public static string Success(JsonObject details) => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = details,
    }.ToJsonString(WriteOptions);

    /// <summary>The <c>reason</c> kube-apiserver pairs with an HTTP status (metav1.StatusReason).</summary>
    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Expired",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Unknown",
    };

    private static JsonObject Reordered(JsonObject json, string[] first)
    {
        var ordered = new JsonObject();
        foreach (var name in first)
        {
            if (json.Remove(name, out var value))
            {
                ordered[name] = value;
            }
        }

        foreach (var name in json.Select(p => p.Key).ToList())
        {
            json.Remove(name, out var value);
            ordered[name] = value;
        }

        return ordered;
    }

    private static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        WatchEventType.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
