using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;

namespace Gateway.Rollouts;

/// <summary>
/// The <c>GET /rollout/sample</c> document, one replica's cumulative counts since its process started:
/// <c>{"identity": "...", "instance": "...", "stable": {"requests": n, "errors": n, "latency": [...]}, "canary": {...}}</c>,
/// <c>latency</c> holding exactly <see cref="LatencyBuckets.Count"/> counts in the fixed bucket layout.
/// </summary>
/// <remarks>
/// Written and read by hand rather than by the serializer: the leader adds peers' figures to its own, so a document
/// from a gateway with another bucket layout, or a damaged one, must be refused with a reason that names what is wrong
/// instead of being read as zeros.
/// </remarks>
internal static class RolloutSampleDocument
{
    /// <summary>The document's UTF-8 JSON.</summary>
    public static byte[] Write(PeerSample sample)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("identity", sample.Identity);
            json.WriteString("instance", sample.Instance);
            WriteTrack(json, "stable", sample.Sample.Stable);
            WriteTrack(json, "canary", sample.Sample.Canary);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The sample in <paramref name="utf8Json"/>, or null with a one-line <paramref name="error"/>.</summary>
    public static PeerSample? TryParse(ReadOnlyMemory<byte> utf8Json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            return Parse(document.RootElement, out error);
        }
        catch (JsonException ex)
        {
            error = $"not JSON: {ex.Message.ReplaceLineEndings(" ")}";
            return null;
        }
    }

    private static PeerSample? Parse(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, got {root.ValueKind}";
            return null;
        }

        var identity = Text(root, "identity", ref error);
        var instance = Text(root, "instance", ref error);
        var stable = Track(root, "stable", ref error);
        var canary = Track(root, "canary", ref error);
        return error is null ? new PeerSample(identity!, instance!, new TrafficSample(stable!, canary!)) : null;
    }

    private static string? Text(JsonElement root, string name, ref string? error)
    {
        if (error is not null)
        {
            return null;
        }

        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            error = $"\"{name}\" must be a non-empty string";
            return null;
        }

        return value.GetString();
    }

    private static TrackSample? Track(JsonElement root, string name, ref string? error)
    {
        if (error is not null)
        {
            return null;
        }

        if (!root.TryGetProperty(name, out var track) || track.ValueKind != JsonValueKind.Object)
        {
            error = $"\"{name}\" must be an object";
            return null;
        }

        if (Count(track, "requests", $"{name}.requests", out error) is not { } requests
            || Count(track, "errors", $"{name}.errors", out error) is not { } errors)
        {
            return null;
        }

        if (!track.TryGetProperty("latency", out var latency) || latency.ValueKind != JsonValueKind.Array)
        {
            error = $"\"{name}.latency\" must be an array of {LatencyBuckets.Count} counts";
            return null;
        }

        if (latency.GetArrayLength() != LatencyBuckets.Count)
        {
            // Another bucket layout (another gateway version): its counts cannot be added to ours bucket by bucket.
            error = $"\"{name}.latency\" has {latency.GetArrayLength()} buckets, this gateway uses {LatencyBuckets.Count}";
            return null;
        }

        var buckets = new long[LatencyBuckets.Count];
        long sum = 0;
        var i = 0;
        foreach (var bucket in latency.EnumerateArray())
        {
            if (Count(bucket, $"{name}.latency[{i}]", out error) is not { } count)
            {
                return null;
            }

            buckets[i++] = count;
            sum += count;
        }

        // The recorder counts requests as the sum of the buckets, so anything else is a damaged document.
        if (sum != requests)
        {
            error = $"\"{name}.requests\" is {requests}, but its latency buckets add up to {sum}";
            return null;
        }

        if (errors > requests)
        {
            error = $"\"{name}.errors\" ({errors}) exceeds \"{name}.requests\" ({requests})";
            return null;
        }

        return new TrackSample(requests, errors, ImmutableArray.Create(buckets));
    }

    private static long? Count(JsonElement parent, string property, string path, out string? error)
    {
        if (!parent.TryGetProperty(property, out var value))
        {
            error = $"\"{path}\" is missing";
            return null;
        }

        return Count(value, path, out error);
    }

    private static long? Count(JsonElement value, string path, out string? error)
    {
        error = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count))
        {
            error = $"\"{path}\" must be a whole number, got {Shorten(value.GetRawText())}";
            return null;
        }

        if (count < 0)
        {
            error = $"\"{path}\" is negative ({count})";
            return null;
        }

        return count;
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";

    private static void WriteTrack(Utf8JsonWriter json, string name, TrackSample track)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", track.Requests);
        json.WriteNumber("errors", track.Errors);
        json.WriteStartArray("latency");
        for (var i = 0; i < LatencyBuckets.Count; i++)
        {
            json.WriteNumberValue(!track.Latency.IsDefault && i < track.Latency.Length ? track.Latency[i] : 0);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
