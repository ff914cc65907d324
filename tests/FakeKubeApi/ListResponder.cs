using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>
/// Writes a list (<c>EndpointSliceList</c>, <c>ConfigMapList</c>...). Lists always answer from the latest state (resourceVersion unset, "0" and any
/// NotOlderThan value all allow that). With <c>limit</c> the list is paged by key; unlike etcd, later pages show the
/// current state rather than a snapshot, but carry the first page's resourceVersion as kube-apiserver does.
/// </summary>
internal static class ListResponder
{
    /// <summary>Decodes a continue token into the revision of the first page and the key to start after.</summary>
    public static bool TryDecodeContinue(string? token, out (long Revision, string AfterKey)? start)
    {
        start = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                start = (revision, parts[1]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    public static async Task WriteAsync(HttpResponse response, ResourceStore store, ObjectFilter filter, long? limit, (long Revision, string AfterKey)? start)
    {
        var (revision, items) = store.List(filter);
        if (start is { } page)
        {
            revision = page.Revision;
            items = [.. items.Where(i => string.CompareOrdinal(i.Key, page.AfterKey) > 0)];
        }

        string? next = null;
        long remaining = 0;
        if (limit is > 0 && items.Count > limit)
        {
            remaining = items.Count - limit.Value;
            items = [.. items.Take((int)limit.Value)];
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes(revision.ToString(CultureInfo.InvariantCulture) + "\n" + items[^1].Key));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = KubeJson.WriteOptions.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("kind", filter.Resource.ListKind);
            json.WriteString("apiVersion", filter.Resource.ApiVersion);
            json.WriteStartObject("metadata");
            json.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
            if (next is not null)
            {
                json.WriteString("continue", next);
                json.WriteNumber("remainingItemCount", remaining);
            }

            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                json.WriteRawValue(item.ListItemJson(), skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }
}
