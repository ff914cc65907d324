using System.Net;
using Gateway.Tests.Infrastructure;
using TestSupport;
using Xunit.Abstractions;

namespace Gateway.Tests.Resilience;

/// <summary>SIGTERM during load, as on a rolling update of the gateway: readiness fails at once, serving continues for the drain period, nothing is lost.</summary>
public sealed class GatewayShutdownTests(TopologyFixture topology, ITestOutputHelper output) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task Sigterm_DuringLoad_ReadyzFailsAtOnce_ClientThatStopsOnReadyzLosesNothing()
    {
        var http = Loopback.FreePort();
        var management = Loopback.FreePort();
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Gateway.dll"),
            $"--Gateway:Listen:Http=http://127.0.0.1:{http}",
            $"--Gateway:Listen:Management=http://127.0.0.1:{management}",
            "--Gateway:Shutdown:DrainPeriod=00:00:02",
            .. topology.StableUrls.Select((url, i) => $"--Gateway:Tracks:Stable:Destinations:{i}={url}"),
            $"--Gateway:Tracks:Canary:Destinations:0={topology.Canary.Url}",
        ];
        await using var gateway = ChildProcess.Start(DotNetCli.Host, arguments, AppContext.BaseDirectory);
        await gateway.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));
        var publicUrl = new Uri($"http://127.0.0.1:{http}");
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}"), Timeout = TimeSpan.FromSeconds(2) };

        // Like a Service's endpoints: the client sends new requests only while readiness has not failed.
        var ready = true;
        await using var load = SteadyLoad.Start(
            () => new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = publicUrl },
            4,
            _ => new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } },
            mayStart: () => Volatile.Read(ref ready));
        await load.WaitForRequestsAsync(200, TimeSpan.FromSeconds(20));

        gateway.Terminate();
        var terminated = DateTime.UtcNow;
        while ((await probe.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow - terminated < TimeSpan.FromSeconds(1), "/readyz still 200 a second after SIGTERM");
        }

        var whenUnready = load.Sent;
        Volatile.Write(ref ready, false);
        await load.StopAsync();
        await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stoppedAfter = DateTime.UtcNow - terminated;

        output.WriteLine($"gateway SIGTERM: {load.Sent} requests, {load.Failures.Count} failed; exited after {stoppedAfter.TotalSeconds:F1} s");
        Assert.Empty(load.Failures);
        Assert.Equal(0, gateway.ExitCode);
        Assert.True(stoppedAfter >= TimeSpan.FromSeconds(2), $"exited {stoppedAfter} after SIGTERM, before the 2 s drain");
        Assert.True(whenUnready > 200);
    }
}
