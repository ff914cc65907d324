using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Gateway.Proxy;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Canary;

/// <summary>The gateway in-process with real KubeApp backends on 127.2.x.x:8080.</summary>
public sealed class CanaryRoutingTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Theory]
    [InlineData("canary.foo.bar")]
    [InlineData("CANARY.FOO.BAR:8080")]
    public async Task HostPin_CanaryHost_ReachesVersion2WithoutBucketCookie(string host)
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(Get("/", host));
            Assert.Equal("2.0", Responses.VersionOf(await response.Content.ReadAsStringAsync()));
            Assert.Equal("canary", Responses.TrackOf(response));
            Assert.Null(Responses.StickyCookieOf(response));
        }
    }

    [Fact]
    public async Task HostPin_StableHostConfigured_ReachesVersion1EvenAtWeight100()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=100", "Gateway:Tracks:Stable:Hosts:0=foo.bar");
        using var client = gateway.CreateRawClient();

        using var response = await client.SendAsync(Get("/", "foo.bar"));

        Assert.Equal("1.0", Responses.VersionOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal("stable", Responses.TrackOf(response));
    }

    [Theory]
    [InlineData("always", "2.0", "canary")]
    [InlineData("never", "1.0", "stable")]
    public async Task ForceHeader_BothWays_ReachesForcedVersion(string value, string version, string track)
    {
        await using var gateway = await topology.StartGatewayAsync(value == "always" ? "Gateway:Canary:Weight=0" : "Gateway:Canary:Weight=100");
        using var client = gateway.CreateRawClient();

        var request = Get("/", "foo.bar");
        request.Headers.Add("X-Canary", value);
        using var response = await client.SendAsync(request);

        Assert.Equal(version, Responses.VersionOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal(track, Responses.TrackOf(response));
        Assert.Null(Responses.StickyCookieOf(response));
    }

    [Theory]
    [InlineData("always", "2.0")]
    [InlineData("never", "1.0")]
    public async Task ForceCookie_BothWays_ReachesForcedVersion(string value, string version)
    {
        await using var gateway = await topology.StartGatewayAsync(value == "always" ? "Gateway:Canary:Weight=0" : "Gateway:Canary:Weight=100");
        using var client = gateway.CreateRawClient();

        for (var i = 0; i < 5; i++)
        {
            var request = Get("/", "foo.bar");
            request.Headers.Add("Cookie", $"canary={value}");
            using var response = await client.SendAsync(request);
            Assert.Equal(version, Responses.VersionOf(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task AllowForcingFalse_HeaderAndCookieIgnored_BucketDecides()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0", "Gateway:Canary:AllowForcing=false");
        using var client = gateway.CreateRawClient();

        var request = Get("/", "foo.bar");
        request.Headers.Add("X-Canary", "always");
        request.Headers.Add("Cookie", "canary=always");
        using var response = await client.SendAsync(request);

        Assert.Equal("1.0", Responses.VersionOf(await response.Content.ReadAsStringAsync()));
        Assert.NotNull(Responses.StickyCookieOf(response));
    }

    [Fact]
    public async Task NewUser_GetsBucketCookieWithDesignAttributes_AndKeepsIt()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var client = gateway.CreateUserClient();

        using var first = await client.SendAsync(Get("/", "foo.bar"));
        var cookie = Responses.StickyCookieOf(first);
        using var second = await client.SendAsync(Get("/", "foo.bar"));

        Assert.Matches(@"^canary-bucket=\d{1,4}; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly$", cookie);
        Assert.Equal(cookie, Responses.StickyCookieOf(second));
        Assert.Equal(Responses.TrackOf(first), Responses.TrackOf(second));
    }

    [Fact]
    public async Task ReturningUser_GetsSameBucketAgainWithFullMaxAge_SoTheCookieOutlivesItsFirstExpiry()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25", "Gateway:Canary:StickyMaxAge=01:00:00");
        using var client = gateway.CreateRawClient();
        using var first = await client.SendAsync(Get("/", "foo.bar"));
        var issued = Responses.StickyCookieOf(first)!;
        Assert.Matches(@"^canary-bucket=\d{1,4}; Max-Age=3600; Path=/; SameSite=Lax; HttpOnly$", issued);
        var bucket = issued[..issued.IndexOf(';', StringComparison.Ordinal)];

        // Later visits send the cookie back; each answer restarts its Max-Age, so the expiry moves forward with use.
        for (var i = 0; i < 3; i++)
        {
            var returning = Get("/", "foo.bar");
            returning.Headers.Add("Cookie", $"session=abc; {bucket}");
            using var response = await client.SendAsync(returning);

            Assert.Equal(issued, Responses.StickyCookieOf(response));
            Assert.Equal(Responses.TrackOf(first), Responses.TrackOf(response));
        }
    }

    [Fact]
    public async Task ReturningUser_NonCanonicalBucket_RefreshedAsTheSameNumber()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var client = gateway.CreateRawClient();

        var request = Get("/", "foo.bar");
        request.Headers.Add("Cookie", "canary-bucket=\"0042\"");
        using var response = await client.SendAsync(request);

        Assert.Equal("canary-bucket=42; Max-Age=604800; Path=/; SameSite=Lax; HttpOnly", Responses.StickyCookieOf(response));
        Assert.Equal("canary", Responses.TrackOf(response));
    }

    [Fact]
    public async Task ForcedOrPinnedRequestCarryingBucket_BucketNotRefreshed()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var client = gateway.CreateRawClient();

        var pinned = Get("/", "canary.foo.bar");
        pinned.Headers.Add("Cookie", "canary-bucket=42");
        var header = Get("/", "foo.bar");
        header.Headers.Add("X-Canary", "never");
        header.Headers.Add("Cookie", "canary-bucket=42");
        var cookie = Get("/", "foo.bar");
        cookie.Headers.Add("Cookie", "canary=never; canary-bucket=42");

        foreach (var request in new[] { pinned, header, cookie })
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Responses.StickyCookieOf(response));
        }
    }

    [Fact]
    public async Task EveryProxiedResponse_CarriesTrackHeader_UnlessDisabled()
    {
        await using var gateway = await topology.StartGatewayAsync();
        await using var quiet = await topology.StartGatewayAsync("Gateway:Canary:TrackHeader=");
        using var client = gateway.CreateRawClient();
        using var quietClient = quiet.CreateRawClient();

        foreach (var path in new[] { "/", "/health", "/version", "/any/path" })
        {
            using var response = await client.SendAsync(Get(path, "foo.bar"));
            Assert.Contains(Responses.TrackOf(response), new[] { "stable", "canary" });
            using var quietResponse = await quietClient.SendAsync(Get(path, "foo.bar"));
            Assert.Null(Responses.TrackOf(quietResponse));
        }
    }

    [Fact]
    public async Task CanaryWithoutEndpoints_UnpinnedUsersFallBackToStable_PinnedHostGets503()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=100");
        var catalog = gateway.Service<EndpointCatalog>();
        catalog.Publish(catalog.Current with { Canary = [] });
        using var client = gateway.CreateRawClient();

        using var unpinned = await client.SendAsync(Get("/", "foo.bar"));
        var forced = Get("/", "foo.bar");
        forced.Headers.Add("Cookie", "canary=always");
        using var forcedResponse = await client.SendAsync(forced);
        using var pinned = await client.SendAsync(Get("/", "canary.foo.bar"));

        Assert.Equal("1.0", Responses.VersionOf(await unpinned.Content.ReadAsStringAsync()));
        Assert.Equal("stable", Responses.TrackOf(unpinned));
        Assert.NotNull(Responses.StickyCookieOf(unpinned));
        Assert.Equal("1.0", Responses.VersionOf(await forcedResponse.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pinned.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", pinned.Content.Headers.ContentType?.ToString());
        Assert.Equal("No ready canary endpoints.\n", await pinned.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CanaryEndpointsReturn_FallenBackUserReturnsToCanaryWithSameBucket()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=50");
        var catalog = gateway.Service<EndpointCatalog>();
        var full = catalog.Current;
        using var client = gateway.CreateRawClient();

        catalog.Publish(full with { Canary = [] });
        var during = Get("/", "foo.bar");
        during.Headers.Add("Cookie", "canary-bucket=10");
        using var duringResponse = await client.SendAsync(during);
        catalog.Publish(full);
        var after = Get("/", "foo.bar");
        after.Headers.Add("Cookie", "canary-bucket=10");
        using var afterResponse = await client.SendAsync(after);

        Assert.Equal("stable", Responses.TrackOf(duringResponse));
        Assert.StartsWith("canary-bucket=10;", Responses.StickyCookieOf(duringResponse), StringComparison.Ordinal);
        Assert.Equal("canary", Responses.TrackOf(afterResponse));
        Assert.Equal("2.0", Responses.VersionOf(await afterResponse.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task StableWithoutEndpoints_StableChosen_Gets503WithReason()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        var catalog = gateway.Service<EndpointCatalog>();
        catalog.Publish(catalog.Current with { Stable = [] });
        using var client = gateway.CreateRawClient();

        using var response = await client.SendAsync(Get("/", "foo.bar"));
        var canary = Get("/", "foo.bar");
        canary.Headers.Add("X-Canary", "always");
        using var canaryResponse = await client.SendAsync(canary);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("No ready stable endpoints.\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("stable", Responses.TrackOf(response));
        Assert.Equal("2.0", Responses.VersionOf(await canaryResponse.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task NotReadyEndpoint_GetsNoTraffic()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        var catalog = gateway.Service<EndpointCatalog>();
        var stable = catalog.Current.Stable;
        catalog.Publish(catalog.Current with { Stable = [stable[0], stable[1] with { Ready = false }, stable[2] with { Ready = false }] });
        using var client = gateway.CreateRawClient();

        for (var i = 0; i < 30; i++)
        {
            using var response = await client.SendAsync(Get("/", "foo.bar"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(gateway.Service<Yarp.ReverseProxy.IProxyStateLookup>().TryGetCluster(TrackProxyConfigProvider.ClusterId, out var cluster));
        Assert.Equal(new[] { stable[0].Id, catalog.Current.Canary[0].Id }.Order(StringComparer.Ordinal), cluster.Destinations.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ForwardedHeaders_BackendSeesClientProtoAndHost_ClientValuesReplaced()
    {
        await using var echo = await Backend.StartCustomAsync(app => app.Run(context =>
            context.Response.WriteAsJsonAsync(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase))));
        await using var gateway = await GatewayInstance.StartAsync([echo.Url], [echo.Url]);
        using var client = gateway.CreateRawClient();

        var request = Get("/path?q=1", "foo.bar");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        using var response = await client.SendAsync(request);
        var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal("foo.bar", seen["X-Forwarded-Host"]);
    }

    [Fact]
    public async Task BackendSetsCookie_BothBackendAndBucketCookiesReachClient()
    {
        await using var backend = await Backend.StartCustomAsync(app => app.Run(context =>
        {
            context.Response.Headers.Append("Set-Cookie", "session=abc; Path=/");
            context.Response.Headers["X-Canary-Track"] = "spoofed";
            return context.Response.WriteAsync("ok");
        }));
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url], ["Gateway:Canary:Weight=0"]);
        using var client = gateway.CreateRawClient();

        using var response = await client.SendAsync(Get("/", "foo.bar"));
        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();

        Assert.Contains("session=abc; Path=/", cookies);
        Assert.Single(cookies, c => c.StartsWith("canary-bucket=", StringComparison.Ordinal));
        Assert.Equal("stable", Responses.TrackOf(response));
    }

    private static HttpRequestMessage Get(string path, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return request;
    }
}
