using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Management;

/// <summary>Management endpoints answer only on the management port; on the public port every path is proxied.</summary>
public sealed class ManagementPortTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Theory]
    [InlineData("/healthz", "ok\n")]
    [InlineData("/readyz", "ready\n")]
    public async Task ManagementPort_HealthAndReadiness_Answer(string path, string body)
    {
        await using var gateway = await topology.StartGatewayAsync();
        using var client = gateway.CreateRawClient(gateway.ManagementUrl);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Null(Responses.TrackOf(response));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/status")]
    public async Task PublicPort_ManagementPaths_AreProxiedToTheApp(string path)
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=0");
        using var client = gateway.CreateRawClient();

        // Even a Host header naming the management port must not reach management endpoints.
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = $"foo.bar:{gateway.ManagementUrl.Port}" } };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stable", Responses.TrackOf(response));
        Assert.Equal("1.0", Responses.VersionOf(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ManagementPort_UnknownPath_Is404NotProxied()
    {
        await using var gateway = await topology.StartGatewayAsync();
        using var client = gateway.CreateRawClient(gateway.ManagementUrl);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(Responses.TrackOf(response));
    }
}
