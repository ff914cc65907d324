using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AppHost.Topology;

namespace AppHost.Tests;

/// <summary>
/// The README's rollout demo end to end: under load, a canary failing every request is rolled back by the gateway by
/// itself, and the token the app host printed drives the management calls. Needs the gateway's rollout engine
/// (<c>GET /rollout</c>, DESIGN.md "Rollouts"); kept apart from <see cref="RolloutTopologyTests"/>, which do not.
/// </summary>
[Collection(RolloutTopologyFixture.Collection)]
public sealed class RolloutDemoTests
{
    private static readonly TimeSpan GatewayHealthyBy = TimeSpan.FromSeconds(150);

    // Two failing checks 5 s apart decide it; the rest is margin for a loaded machine, not an expected duration.
    private static readonly TimeSpan RollbackWithin = TimeSpan.FromSeconds(90);

    private readonly RolloutTopologyFixture _topology;

    public RolloutDemoTests(RolloutTopologyFixture topology)
    {
        _topology = topology;
    }

    [Fact]
    public async Task Rollout_CanaryFailingEveryRequest_RollsBackByItselfAndThePrintedTokenStartsItAgain()
    {
        await _topology.WaitForHealthyAsync(ResourceNames.Gateway, GatewayHealthyBy);
        using var management = new HttpClient { BaseAddress = _topology.GatewayManagement };
        using var users = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = _topology.GatewayHttp };

        // New users (no bucket cookie), so each request is split by the current weight, until the rollout is decided.
        using var deadline = new CancellationTokenSource(RollbackWithin);
        var document = await ReadRolloutAsync(management);
        var sent = 0;
        while (Phase(document) != "RolledBack")
        {
            Assert.False(deadline.IsCancellationRequested, $"no rollback within {RollbackWithin.TotalSeconds} s after {sent} requests; last GET /rollout: {document.RootElement}");
            for (var i = 0; i < 200; i++, sent++)
            {
                using var response = await users.GetAsync(new Uri("/", UriKind.Relative), deadline.Token);
            }

            document.Dispose();
            document = await ReadRolloutAsync(management);
        }

        using (document)
        {
            Assert.Equal(0, document.RootElement.GetProperty("weight").GetDouble());
            Assert.Contains(document.RootElement.GetProperty("history").EnumerateArray(), t => t.GetProperty("to").GetString() == "RolledBack");
        }

        // Rolled back: every new user is served by stable again.
        for (var i = 0; i < 100; i++)
        {
            using var response = await users.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var wrongToken = await PostAsync(management, "/rollout/start", "not-the-token");
        using var started = await PostAsync(management, "/rollout/start", await _topology.ManagementTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var afterStart = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        Assert.Equal("Progressing", Phase(afterStart));
    }

    private static async Task<JsonDocument> ReadRolloutAsync(HttpClient management)
    {
        using var response = await management.GetAsync(new Uri("/rollout", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /rollout answered {(int)response.StatusCode}: the gateway's rollout engine is needed");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string? Phase(JsonDocument document) => document.RootElement.GetProperty("phase").GetString();

    private static Task<HttpResponseMessage> PostAsync(HttpClient management, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return management.SendAsync(request);
    }
}
