using AppHost.Topology;
using Aspire.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>
/// The whole topology started by the real app host (<c>dotnet run --project src/AppHost</c>), as a developer would
/// run it, on this test assembly's own loopback addresses.
/// </summary>
public sealed class CanaryTopologyTests : IClassFixture<CanaryTopologyFixture>
{
    // Deadlines from the app host's start. Four `dotnet run` processes start together on a 2-core machine, next to
    // other test projects; about 20 s unloaded.
    private static readonly TimeSpan PodsHealthyBy = TimeSpan.FromSeconds(120);

    // The gateway starts only once every pod is healthy, and takes another `dotnet run`.
    private static readonly TimeSpan GatewayHealthyBy = TimeSpan.FromSeconds(150);

    private readonly CanaryTopologyFixture _topology;

    public CanaryTopologyTests(CanaryTopologyFixture topology)
    {
        _topology = topology;
    }

    [Fact]
    public async Task Pods_EachOnItsOwnAddress_AnswerTheirTracksVersion()
    {
        var pods = _topology.StablePods.Select((url, i) => (Name: ResourceNames.Pod(ResourceNames.StableTrack, i), Url: url, Version: "1.0"))
            .Concat(_topology.CanaryPods.Select((url, i) => (Name: ResourceNames.Pod(ResourceNames.CanaryTrack, i), Url: url, Version: "2.0")))
            .ToList();
        await Task.WhenAll(pods.Select(pod => _topology.WaitForHealthyAsync(pod.Name, PodsHealthyBy)));

        using var client = new HttpClient();
        foreach (var pod in pods)
        {
            // Not proxied: Aspire's endpoint is the pod address itself, the one the gateway is given.
            Assert.Equal(new Uri(pod.Url), _topology.App.GetEndpoint(pod.Name, EndpointNames.Http));

            var version = await client.GetStringAsync(new Uri(new Uri(pod.Url), "/version"));

            Assert.Equal(pod.Version + "\n", version);
        }
    }

    [Fact]
    public async Task Gateway_HostPinAndCookieForce_ReachBothVersions()
    {
        await _topology.WaitForHealthyAsync(ResourceNames.Gateway, GatewayHealthyBy);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

        var pinned = await GetAsync(client, host: "canary.foo.bar", cookie: null);
        var forcedCanary = await GetAsync(client, host: "foo.bar", cookie: "canary=always");
        var forcedStable = await GetAsync(client, host: "foo.bar", cookie: "canary=never");

        Assert.Contains("Version 2.0", pinned);
        Assert.Contains("Version 2.0", forcedCanary);
        Assert.Contains("Version 1.0", forcedStable);
    }

    [Fact]
    public async Task Gateway_Https_ServesWithSelfSignedCertificate()
    {
        await _topology.WaitForHealthyAsync(ResourceNames.Gateway, GatewayHealthyBy);

        // The certificate is generated per run; this test checks TLS works end to end, not the trust chain.
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, _topology.GatewayHttps);
        request.Headers.Host = "canary.foo.bar";
        using var response = await client.SendAsync(request);

        Assert.Contains("Version 2.0", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<string> GetAsync(HttpClient client, string host, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _topology.GatewayHttp);
        request.Headers.Host = host;
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
