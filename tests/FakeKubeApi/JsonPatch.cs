using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy and test, with JSON
/// pointers (RFC 6901). kube-apiserver answers an operation that cannot apply (a failed <c>test</c>, a missing path)
/// with 422 and the error as the only cause, which is what <see cref="Failed"/> builds.
/// </summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        var document = (JsonObject)target.DeepClone();
        foreach (var node in operations)
        {
            var operation = node as JsonObject ?? throw Malformed("an operation is not an object");
            var op = Text(operation, "op");
            var path = Text(operation, "path");
            switch (op)
            {
                case "add":
                    Add(document, path, Value(operation));
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Replace(document, path, Value(operation));
                    break;
                case "move":
                    var moved = Remove(document, Text(operation, "from"));
                    Add(document, path, moved);
                    break;
                case "copy":
                    Add(document, path, Get(document, Text(operation, "from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), operation["value"]))
                    {
                        throw Failed($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw Malformed($"Unexpected kind: {op}");
            }
        }

        return document;
    }

    private static JsonNode? Value(JsonObject operation) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw Malformed("missing value");

    private static string Text(JsonObject operation, string name) =>
        operation[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Malformed($"missing {name}");

    private static JsonNode? Get(JsonObject document, string path)
    {
        var (parent, token) = Parent(document, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array when Index(token, array.Count - 1) is { } i => array[i],
            _ => throw Failed($"missing value at {path}"),
        };
    }

    private static void Add(JsonObject document, string path, JsonNode? value)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array when Index(token, array.Count) is { } i:
                array.Insert(i, value);
                break;
            default:
                throw Failed($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    /// <summary>Replaces in place, so the key keeps its position (a remove and an add would move it last).</summary>
    private static void Replace(JsonObject document, string path, JsonNode? value)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = value;
                break;
            case JsonArray array when Index(token, array.Count - 1) is { } i:
                array[i] = value;
                break;
            default:
                throw Failed($"replace operation does not apply: doc is missing key: {path}");
        }
    }

    private static JsonNode? Remove(JsonObject document, string path)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.Remove(token, out var removed):
                return removed;
            case JsonArray array when Index(token, array.Count - 1) is { } i:
                var item = array[i];
                array.RemoveAt(i);
                return item;
            default:
                throw Failed($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    /// <summary>The container the pointer's last token is in, and that token; the whole document is not addressable here.</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonObject document, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw Malformed($"invalid path \"{path}\"");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = document;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when Index(token, array.Count - 1) is { } i => array[i],
                _ => null,
            };
        }

        return (node, tokens[^1]);
    }

    private static int? Index(string token, int max) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= max ? i : null;

    private static KubeApiException Malformed(string message) => new(KubeApiStatus.BadRequest(message));

    private static KubeApiException Failed(string message) => new(new KubeApiStatus(
        422,
        "Invalid",
        "the server rejected our request due to an error in our request",
        new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = message }) }));
}
