using System.Net;
using AppHost.Topology;

namespace AppHost.Tests;

/// <summary>
/// The rollout demo's topology as the app host starts it: the gateway takes the demo's rollout settings, and the canary
/// pod fails every request while staying ready. Independent of the rollout engine (see <see cref="RolloutDemoTests"/>).
/// </summary>
[Collection(RolloutTopologyFixture.Collection)]
public sealed class RolloutTopologyTests
{
    private static readonly TimeSpan PodsHealthyBy = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan GatewayHealthyBy = TimeSpan.FromSeconds(150);

    private readonly RolloutTopologyFixture _topology;

    public RolloutTopologyTests(RolloutTopologyFixture topology)
    {
        _topology = topology;
    }

    [Fact]
    public async Task CanaryPod_FailureRateOne_Answers500ButStaysHealthy()
    {
        var canary = ResourceNames.Pod(ResourceNames.CanaryTrack, 0);
        // Healthy: Aspire's check of /health passed, as the Deployment's readiness probe would.
        await _topology.WaitForHealthyAsync(canary, PodsHealthyBy);
        using var client = new HttpClient { BaseAddress = new Uri(_topology.CanaryPods[0]) };

        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, home.StatusCode);
        Assert.Equal("Injected failure (KUBEAPP_FAILURE_RATE=1).\n", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task StablePods_NoFaults_AnswerAsTheOriginal()
    {
        await Task.WhenAll(_topology.StablePods.Select((_, i) => _topology.WaitForHealthyAsync(ResourceNames.Pod(ResourceNames.StableTrack, i), PodsHealthyBy)));
        using var client = new HttpClient();

        foreach (var pod in _topology.StablePods)
        {
            var home = await client.GetStringAsync(new Uri(pod));

            Assert.Equal("Congratulations! Version 1.0 of your application is running on Kubernetes.", home);
        }
    }

    [Fact]
    public async Task Gateway_DemoRolloutSettings_StartsAndServesThePinnedCanaryHost()
    {
        // Ready means the gateway accepted every Gateway:Rollout and Gateway:Management setting the app host gave it.
        await _topology.WaitForHealthyAsync(ResourceNames.Gateway, GatewayHealthyBy);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, _topology.GatewayHttp);
        request.Headers.Host = "canary.foo.bar";

        using var response = await client.SendAsync(request);

        // Testers reach the canary in every phase; this one answers its injected failure.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("canary", Assert.Single(response.Headers.GetValues("X-Canary-Track")));
    }
}
