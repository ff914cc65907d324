using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Canary;

/// <summary>Live reload of <c>Gateway:Canary:*</c>: applies to new requests; invalid values are rejected and the last good kept.</summary>
public sealed class CanaryReloadTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task Reload_NewWeight_AppliesToNextRequest()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();

        Assert.Equal("stable", await TrackAsync(client, "canary-bucket=0"));
        gateway.Reloadable.SetAndReload(("Gateway:Canary:Weight", "100"));

        Assert.Equal("canary", await TrackAsync(client, "canary-bucket=0"));
        Assert.Equal(100, gateway.Service<CanaryRulesProvider>().Current.EffectiveWeight);
    }

    [Theory]
    [InlineData("Gateway:Canary:Weight", "250")]
    [InlineData("Gateway:Canary:Weight", "lots")]
    [InlineData("Gateway:Canary:StickyCookie", "bad cookie")]
    public async Task Reload_InvalidValue_KeepsLastGoodSettings(string key, string value)
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();
        var before = gateway.Service<CanaryRulesProvider>().Current;

        gateway.Reloadable.SetAndReload((key, value));

        Assert.Same(before, gateway.Service<CanaryRulesProvider>().Current);
        Assert.Equal("stable", await TrackAsync(client, "canary-bucket=0"));
    }

    [Fact]
    public async Task Reload_MisspeltKey_RejectedWholeAndLogged()
    {
        using var logs = new LogCapture();
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, ["Gateway:Canary:Weight=0"], builder => builder.Logging.AddProvider(logs));
        var provider = gateway.Service<CanaryRulesProvider>();
        var before = provider.Current;
        var accepted = new List<bool>();
        provider.ReloadHandled += accepted.Add;

        // An edit that changes a valid key and misspells another: nothing of it applies.
        gateway.Reloadable.SetAndReload(("Gateway:Canary:AllowForcing", "false"), ("Gateway:Canary:Wieght", "100"));

        Assert.Equal([false], accepted);
        Assert.Same(before, provider.Current);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Gateway:Canary:Wieght is not a known setting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_WeightRemoved_BecomesProportional()
    {
        await using var gateway = await GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls);
        gateway.Reloadable.SetAndReload(("Gateway:Canary:Weight", "10"));
        Assert.Equal(WeightSource.Configured, gateway.Service<CanaryRulesProvider>().Current.WeightSource);

        gateway.Reloadable.SetAndReload(("Gateway:Canary:Weight", null));

        var rules = gateway.Service<CanaryRulesProvider>().Current;
        Assert.Equal(WeightSource.Proportional, rules.WeightSource);
        Assert.Equal(25, rules.EffectiveWeight);
    }

    [Fact]
    public async Task Reload_ForcingTurnedOff_CookieNoLongerForces()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();
        Assert.Equal("canary", await TrackAsync(client, "canary=always; canary-bucket=5000"));

        gateway.Reloadable.SetAndReload(("Gateway:Canary:AllowForcing", "false"));

        Assert.Equal("stable", await TrackAsync(client, "canary=always; canary-bucket=5000"));
    }

    [Fact]
    public async Task Reload_StickyMaxAge_ReturningUsersGetTheNewMaxAge_OtherChangesKeepFormattedCookies()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();
        var provider = gateway.Service<CanaryRulesProvider>();
        var catalog = gateway.Service<EndpointCatalog>();
        var formatted = provider.Current.StickyCookieHeaders;

        gateway.Reloadable.SetAndReload(("Gateway:Canary:Weight", "100"));
        catalog.Publish(catalog.Current with { Canary = [] });
        var keptAcrossWeightAndEndpoints = provider.Current.StickyCookieHeaders;
        gateway.Reloadable.SetAndReload(("Gateway:Canary:StickyMaxAge", "01:00:00"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
        request.Headers.Add("Cookie", "canary-bucket=7");
        using var response = await client.SendAsync(request);

        Assert.Same(formatted, keptAcrossWeightAndEndpoints);
        Assert.NotSame(formatted, provider.Current.StickyCookieHeaders);
        Assert.Equal("canary-bucket=7; Max-Age=3600; Path=/; SameSite=Lax; HttpOnly", Responses.StickyCookieOf(response));
    }

    private static async Task<string> TrackAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return Responses.TrackOf(response)!;
    }
}
