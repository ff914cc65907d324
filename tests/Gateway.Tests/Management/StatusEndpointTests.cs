using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;

namespace Gateway.Tests.Management;

/// <summary><c>/status</c> reflects the routing table and recent traffic.</summary>
public sealed class StatusEndpointTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task Status_AfterDiscoveryChanges_MatchesRoutingTable()
    {
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls);
        var catalog = gateway.Service<EndpointCatalog>();
        var stable = catalog.Current.Stable;
        catalog.Publish(catalog.Current with { Stable = [stable[0], stable[1] with { Ready = false }] });

        using var status = await GetStatusAsync(gateway);
        var root = status.RootElement;

        Assert.True(root.GetProperty("ready").GetBoolean());
        var stableTrack = root.GetProperty("stable");
        Assert.Equal(1, stableTrack.GetProperty("readyEndpoints").GetInt32());
        Assert.Equal(new[] { (stable[0].Id, true), (stable[1].Id, false) }, stableTrack.GetProperty("endpoints").EnumerateArray().Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("ready").GetBoolean())));
        Assert.Equal(catalog.Current.Canary[0].Id, root.GetProperty("canary").GetProperty("endpoints")[0].GetProperty("id").GetString());

        // Proportional weight follows the ready endpoints: 1 canary of 2 ready → 50 %.
        Assert.Equal(50, root.GetProperty("weight").GetProperty("effective").GetDouble());
        Assert.Equal("proportional", root.GetProperty("weight").GetProperty("source").GetString());
        Assert.Equal("Static", root.GetProperty("discovery").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Status_AfterTraffic_ReportsRequestsErrorsAndObservedShare()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var client = gateway.CreateRawClient();
        for (var i = 0; i < 30; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
            request.Headers.Add("Cookie", i < 10 ? "canary=always" : "canary=never");
            using var response = await client.SendAsync(request);
        }

        using var status = await GetStatusAsync(gateway);
        var root = status.RootElement;

        Assert.Equal(10, root.GetProperty("canary").GetProperty("requests").GetInt64());
        Assert.Equal(20, root.GetProperty("stable").GetProperty("requests").GetInt64());
        Assert.Equal(0, root.GetProperty("stable").GetProperty("errors").GetInt64());
        Assert.Equal(100.0 / 3, root.GetProperty("observedCanaryShare").GetDouble(), 3);
        Assert.Equal(25, root.GetProperty("weight").GetProperty("configured").GetDouble());
        Assert.True(root.GetProperty("canary").GetProperty("p99Milliseconds").GetDouble() > 0);
    }

    private static async Task<JsonDocument> GetStatusAsync(GatewayInstance gateway)
    {
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        using var response = await management.GetAsync(new Uri("/status", UriKind.Relative));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
