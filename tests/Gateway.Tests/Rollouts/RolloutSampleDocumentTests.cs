using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts;

/// <summary>The <c>GET /rollout/sample</c> document: written and read back exactly, and a damaged one refused with a reason.</summary>
public sealed class RolloutSampleDocumentTests
{
    private static readonly PeerSample Sample = new("canary-gateway-7c9f8b6d5-x2k9p", "0123456789abcdef", new TrafficSample(Track(seed: 1, errors: 3), Track(seed: 7, errors: 0)));

    [Fact]
    public void Write_ThenParse_RoundTripsExactly()
    {
        var json = RolloutSampleDocument.Write(Sample);

        var parsed = RolloutSampleDocument.TryParse(json, out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal((Sample.Identity, Sample.Instance), (parsed.Identity, parsed.Instance));
        Assert.Equal((Sample.Sample.Stable.Requests, Sample.Sample.Stable.Errors), (parsed.Sample.Stable.Requests, parsed.Sample.Stable.Errors));
        Assert.Equal((Sample.Sample.Canary.Requests, Sample.Sample.Canary.Errors), (parsed.Sample.Canary.Requests, parsed.Sample.Canary.Errors));
        Assert.Equal(Sample.Sample.Stable.Latency.ToArray(), parsed.Sample.Stable.Latency.ToArray());
        Assert.Equal(Sample.Sample.Canary.Latency.ToArray(), parsed.Sample.Canary.Latency.ToArray());
    }

    [Fact]
    public void Write_DocumentedShape()
    {
        using var document = JsonDocument.Parse(RolloutSampleDocument.Write(Sample));
        var root = document.RootElement;

        Assert.Equal(["identity", "instance", "stable", "canary"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["requests", "errors", "latency"], root.GetProperty("canary").EnumerateObject().Select(p => p.Name));
        Assert.Equal(LatencyBuckets.Count, root.GetProperty("stable").GetProperty("latency").GetArrayLength());
        Assert.Equal(Sample.Sample.Stable.Requests, root.GetProperty("stable").GetProperty("requests").GetInt64());
        Assert.Equal(Sample.Sample.Canary.Latency[5], root.GetProperty("canary").GetProperty("latency")[5].GetInt64());
    }

    [Fact]
    public void Write_EmptySample_AllZeroBuckets()
    {
        var json = RolloutSampleDocument.Write(new PeerSample("gw", "i", TrafficSample.Empty));

        var parsed = RolloutSampleDocument.TryParse(json, out var error);

        Assert.Null(error);
        Assert.Equal(LatencyBuckets.Count, parsed!.Sample.Canary.Latency.Length);
        Assert.All(parsed.Sample.Canary.Latency, count => Assert.Equal(0, count));
    }

    private static readonly Dictionary<string, Action<JsonObject>> Damages = new()
    {
        ["stable bucket short"] = d => Latency(d, "stable").RemoveAt(0),
        ["canary bucket extra"] = d => Latency(d, "canary").Add(0),
        ["negative requests"] = d => d["stable"]!["requests"] = -1,
        ["negative errors"] = d => d["canary"]!["errors"] = -2,
        ["negative bucket"] = d => Latency(d, "canary")[3] = -1,
        ["fractional requests"] = d => d["stable"]!["requests"] = 1.5,
        ["errors as text"] = d => d["stable"]!["errors"] = "3",
        ["requests not the buckets' sum"] = d => d["stable"]!["requests"] = 99999,
        ["errors above requests"] = d => d["stable"]!["errors"] = 99999,
        ["empty identity"] = d => d["identity"] = "",
        ["no instance"] = d => d.Remove("instance"),
        ["no canary"] = d => d.Remove("canary"),
        ["latency not an array"] = d => d["stable"]!["latency"] = 7,
    };

    public static TheoryData<string, string> Damaged => new()
    {
        { "stable bucket short", $"\"stable.latency\" has {LatencyBuckets.Count - 1} buckets, this gateway uses {LatencyBuckets.Count}" },
        { "canary bucket extra", $"\"canary.latency\" has {LatencyBuckets.Count + 1} buckets, this gateway uses {LatencyBuckets.Count}" },
        { "negative requests", "\"stable.requests\" is negative (-1)" },
        { "negative errors", "\"canary.errors\" is negative (-2)" },
        { "negative bucket", "\"canary.latency[3]\" is negative (-1)" },
        { "fractional requests", "\"stable.requests\" must be a whole number, got 1.5" },
        { "errors as text", "\"stable.errors\" must be a whole number, got \"3\"" },
        { "requests not the buckets' sum", $"\"stable.requests\" is 99999, but its latency buckets add up to {Sample.Sample.Stable.Requests}" },
        { "errors above requests", $"\"stable.errors\" (99999) exceeds \"stable.requests\" ({Sample.Sample.Stable.Requests})" },
        { "empty identity", "\"identity\" must be a non-empty string" },
        { "no instance", "\"instance\" must be a non-empty string" },
        { "no canary", "\"canary\" must be an object" },
        { "latency not an array", $"\"stable.latency\" must be an array of {LatencyBuckets.Count} counts" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void TryParse_Damaged_RefusedWithReason(string damage, string expected)
    {
        var document = JsonNode.Parse(RolloutSampleDocument.Write(Sample))!.AsObject();
        Damages[damage](document);

        var parsed = RolloutSampleDocument.TryParse(Encoding.UTF8.GetBytes(document.ToJsonString()), out var error);

        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("{\"identity\": \"gw\", ", "not JSON: ")]
    [InlineData("[1, 2]", "expected a JSON object, got Array")]
    [InlineData("{} {}", "not JSON: ")]
    public void TryParse_NotADocument_RefusedWithReason(string json, string expectedStart)
    {
        var parsed = RolloutSampleDocument.TryParse(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(parsed);
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }

    /// <summary>Requests spread over many buckets, with distinct counts, so a shifted or dropped bucket shows.</summary>
    private static TrackSample Track(int seed, long errors)
    {
        var latency = new long[LatencyBuckets.Count];
        for (var i = 0; i < latency.Length; i += 3)
        {
            latency[i] = seed + i;
        }

        return new TrackSample(latency.Sum(), errors, ImmutableArray.Create(latency));
    }

    private static JsonArray Latency(JsonObject document, string track) => document[track]!["latency"]!.AsArray();
}
