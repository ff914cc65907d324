using System.Net.Sockets;
using System.Text;
using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Resilience;

/// <summary>Hostile or odd requests get a status code, never a crash, and the gateway keeps serving afterwards.</summary>
public sealed class HostileInputTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    public static TheoryData<string, string, int, string?> Requests => new()
    {
        { "oversized header", Request("GET / HTTP/1.1", "Host: foo.bar", "X-Big: " + new string('a', 40_000)), 431, null },
        { "too many headers", Request(["GET / HTTP/1.1", "Host: foo.bar", .. Enumerable.Range(0, 120).Select(i => $"X-{i}: v")]), 431, null },
        { "oversized request line", Request("GET /" + new string('a', 9_000) + " HTTP/1.1", "Host: foo.bar"), 414, null },
        { "garbage request line", Request("GARBAGE", "Host: foo.bar"), 400, null },
        { "missing Host", Request("GET / HTTP/1.1"), 400, null },
        { "invalid Host", Request("GET / HTTP/1.1", "Host: foo bar"), 400, null },
        { "two Host headers", Request("GET / HTTP/1.1", "Host: foo.bar", "Host: canary.foo.bar"), 400, null },
        { "empty Host", Request("GET / HTTP/1.1", "Host:"), 400, null },
        { "IP Host", Request("GET / HTTP/1.1", "Host: 127.0.0.1", "Cookie: canary-bucket=9000"), 200, "stable" },
        { "uppercase pinned Host", Request("GET / HTTP/1.1", "Host: CANARY.FOO.BAR"), 200, "canary" },
        { "pinned Host with port", Request("GET / HTTP/1.1", "Host: canary.foo.bar:8080"), 200, "canary" },
        { "pinned Host with trailing dot", Request("GET / HTTP/1.1", "Host: canary.foo.bar."), 200, "canary" },
        { "malformed cookies", Request("GET / HTTP/1.1", "Host: foo.bar", "Cookie: ;;; =; canary-bucket=;=x; canary==always"), 200, null },
        { "conflicting bucket cookies", Request("GET / HTTP/1.1", "Host: foo.bar", "Cookie: canary-bucket=1; canary-bucket=9999"), 200, null },
        { "conflicting force headers", Request("GET / HTTP/1.1", "Host: foo.bar", "X-Canary: always", "X-Canary: never", "Cookie: canary-bucket=9999"), 200, "stable" },
        { "huge bucket", Request("GET / HTTP/1.1", "Host: foo.bar", "Cookie: canary-bucket=999999999999999999999999999"), 200, null },
        { "HTTP/1.0 without Host", Request("GET / HTTP/1.0"), 200, null },
        { "unknown method", Request("BREW / HTTP/1.1", "Host: foo.bar"), 200, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task HostileRequest_GetsStatusCode_GatewayKeepsServing(string name, string raw, int status, string? track)
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");

        var response = await SendRawAsync(gateway.PublicUrl, raw);

        Assert.True(response.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{name}: {response.Split('\n')[0]}");
        if (track is not null)
        {
            Assert.Contains($"X-Canary-Track: {track}\r\n", response, StringComparison.Ordinal);
        }

        using var client = gateway.CreateRawClient();
        using var normal = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
        Assert.Equal(System.Net.HttpStatusCode.OK, normal.StatusCode);
    }

    [Fact]
    public async Task ConflictingBucketCookies_AreIgnored_NewBucketSet()
    {
        // Returning users get their own bucket back in Set-Cookie too, so only a drawn bucket (4242, neither of the
        // conflicting values) shows that the pair was ignored.
        await using var gateway = await GatewayInstance.StartAsync(
            topology.StableUrls, topology.CanaryUrls, ["Gateway:Canary:Weight=0"], builder => builder.Services.AddSingleton<IBucketGenerator>(new FixedBucket(4242)));

        var response = await SendRawAsync(gateway.PublicUrl, Request("GET / HTTP/1.1", "Host: foo.bar", "Cookie: canary-bucket=1; canary-bucket=9999"));

        Assert.Contains("Set-Cookie: canary-bucket=4242;", response, StringComparison.Ordinal);
    }

    private static string Request(params string[] lines) => string.Join("\r\n", lines) + "\r\nConnection: close\r\n\r\n";

    private static async Task<string> SendRawAsync(Uri gateway, string raw)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Host, gateway.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return response;
    }
}
