using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry;

/// <summary><c>/metrics</c> on the management port counts routed requests per track and reason (DESIGN.md "Metrics").</summary>
[Collection(SerialTests.Name)]
public sealed partial class PrometheusMetricsTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task Metrics_AfterKnownTraffic_CountPerTrackReasonAndStatusClass()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();
        await SendAsync(client, 3, host: "canary.foo.bar");
        await SendAsync(client, 4, cookie: "canary=always");
        await SendAsync(client, 5, header: "never");
        await SendAsync(client, 6, cookie: "canary-bucket=9000");
        await SendAsync(client, 7);

        var metrics = await Scrape(gateway);

        Assert.Equal(3, Counter(metrics, "canary", "host", "2xx"));
        Assert.Equal(4, Counter(metrics, "canary", "cookie", "2xx"));
        Assert.Equal(5, Counter(metrics, "stable", "header", "2xx"));
        Assert.Equal(6, Counter(metrics, "stable", "sticky", "2xx"));
        Assert.Equal(7, Counter(metrics, "stable", "new", "2xx"));
        Assert.Equal(7, Value(metrics, @"gateway_request_duration_seconds_count\{[^}]*track=""canary""[^}]*\}"));
        Assert.Equal(18, Value(metrics, @"gateway_request_duration_seconds_count\{[^}]*track=""stable""[^}]*\}"));
        Assert.Matches(@"gateway_request_duration_seconds_bucket\{[^}]*le=""0\.005""", metrics);
        Assert.Equal(3, Value(metrics, @"gateway_endpoints\{[^}]*ready=""true""[^}]*track=""stable""[^}]*\}"));
        Assert.Equal(1, Value(metrics, @"gateway_endpoints\{[^}]*ready=""true""[^}]*track=""canary""[^}]*\}"));
        Assert.Equal(0, Value(metrics, @"gateway_canary_weight(\{[^}]*\})?"));
    }

    [Fact]
    public async Task Metrics_FallbackAndUnavailable_CountedWithReasonAndStatus()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=100");
        var catalog = gateway.Service<Gateway.Tracks.EndpointCatalog>();
        catalog.Publish(catalog.Current with { Canary = [] });
        using var client = gateway.CreateRawClient();
        await SendAsync(client, 2, cookie: "canary-bucket=1");
        await SendAsync(client, 3, host: "canary.foo.bar");

        var metrics = await Scrape(gateway);

        Assert.Equal(2, Counter(metrics, "stable", "fallback", "2xx"));
        Assert.Equal(3, Counter(metrics, "canary", "host", "5xx"));
        Assert.Equal(100, Value(metrics, @"gateway_canary_weight(\{[^}]*\})?"));
    }

    [Fact]
    public async Task Metrics_TelemetryDisabled_Answers404()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Telemetry:Enabled=false");
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);

        using var response = await management.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> Scrape(GatewayInstance gateway)
    {
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        return await management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    private static double Counter(string metrics, string track, string reason, string statusClass)
    {
        // Label order is the exporter's (alphabetical); match each label anywhere in the set.
        var pattern = $@"gateway_requests_total\{{(?=[^}}]*track=""{track}"")(?=[^}}]*reason=""{reason}"")(?=[^}}]*status_class=""{statusClass}"")[^}}]*\}}";
        return Value(metrics, pattern);
    }

    private static double Value(string metrics, string seriesPattern)
    {
        var match = Regex.Match(metrics, $@"^{seriesPattern} (\S+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"No series matching {seriesPattern} in:\n{metrics}");
        return double.Parse(match.Groups[match.Groups.Count - 1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task SendAsync(HttpClient client, int count, string host = "foo.bar", string? cookie = null, string? header = null)
    {
        for (var i = 0; i < count; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } };
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            if (header is not null)
            {
                request.Headers.Add("X-Canary", header);
            }

            using var response = await client.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        }
    }
}
