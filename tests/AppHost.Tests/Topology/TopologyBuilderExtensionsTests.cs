using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Options;

namespace AppHost.Tests.Topology;

/// <summary>
/// The app model <see cref="TopologyBuilderExtensions.AddCanaryTopology"/> builds, and what each process would be
/// given, resolved by a built but never started app: no process runs, so these are exact and fast.
/// </summary>
public sealed class TopologyBuilderExtensionsTests
{
    private static readonly string[] DefaultStable = ["http://127.0.0.2:8080", "http://127.0.0.3:8080", "http://127.0.0.4:8080"];

    [Fact]
    public async Task AddCanaryTopology_Defaults_GatewayConfiguredOnlyThroughDesignKeys()
    {
        var builder = TopologyAppModel.Create();
        await using var app = builder.Build();

        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);

        var expected = new Dictionary<string, string>
        {
            ["Gateway__Discovery"] = "Static",
            ["Gateway__Tracks__Stable__Destinations__0"] = "http://127.0.0.2:8080",
            ["Gateway__Tracks__Stable__Destinations__1"] = "http://127.0.0.3:8080",
            ["Gateway__Tracks__Stable__Destinations__2"] = "http://127.0.0.4:8080",
            ["Gateway__Tracks__Canary__Destinations__0"] = "http://127.0.0.5:8080",
            ["Gateway__Listen__Http"] = "http://127.0.0.1:8080",
            ["Gateway__Listen__Management"] = "http://127.0.0.1:9090",
            ["Gateway__Listen__Https"] = "https://127.0.0.1:8443",
            ["Gateway__Tls__SelfSigned"] = "true",
            ["Gateway__Tls__RedirectHttp"] = "false",
            ["Gateway__Tls__HttpsPort"] = "8443",
            ["Gateway__Canary__Weight"] = "25",
        };
        Assert.Equal(expected, environment.Where(e => e.Key.StartsWith("Gateway__", StringComparison.Ordinal)).ToDictionary());
        // The gateway binds from Gateway:Listen:*; a second source of addresses would fight it.
        Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
    }

    [Fact]
    public void AddCanaryTopology_Defaults_GatewayEndpointsAreItsListenersUnproxied()
    {
        var builder = TopologyAppModel.Create();

        var endpoints = TopologyAppModel.Project(builder, ResourceNames.Gateway).Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);

        AssertDirect(endpoints[EndpointNames.Http], "127.0.0.1", 8080);
        AssertDirect(endpoints[EndpointNames.Management], "127.0.0.1", 9090);
        AssertDirect(endpoints[EndpointNames.Https], "127.0.0.1", 8443, "https");
    }

    [Fact]
    public async Task AddCanaryTopology_Defaults_ThreeStableAndOneCanaryPodEachOnItsOwnAddress()
    {
        var builder = TopologyAppModel.Create();
        await using var app = builder.Build();
        var pods = DefaultStable.Select((url, i) => (Name: ResourceNames.Pod(ResourceNames.StableTrack, i), Url: url, Version: "1.0"))
            .Append((Name: ResourceNames.Pod(ResourceNames.CanaryTrack, 0), Url: "http://127.0.0.5:8080", Version: "2.0"));

        foreach (var (name, url, version) in pods)
        {
            var (arguments, environment) = await TopologyAppModel.ResolveAsync(app, builder, name);
            var endpoint = Assert.Single(TopologyAppModel.Project(builder, name).Annotations.OfType<EndpointAnnotation>());

            Assert.Equal(["--urls", url], arguments);
            Assert.Equal(version, environment["KUBEAPP_VERSION"]);
            // Set even when off, so that variables left in the developer's shell cannot make a pod faulty.
            Assert.Equal("0", environment["KUBEAPP_FAILURE_RATE"]);
            Assert.Equal("0", environment["KUBEAPP_EXTRA_LATENCY"]);
            Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
            AssertDirect(endpoint, new Uri(url).Host, 8080);
        }

        Assert.Equal(5, builder.Resources.OfType<ProjectResource>().Count());
    }

    [Fact]
    public async Task AddCanaryTopology_EmptyWeight_LeavesTheSplitToTheGateway()
    {
        var builder = TopologyAppModel.Create("--Topology:CanaryWeight=");
        await using var app = builder.Build();

        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);

        Assert.DoesNotContain("Gateway__Canary__Weight", environment.Keys);
    }

    [Fact]
    public async Task AddCanaryTopology_CanaryFaults_ReachOnlyTheCanaryPods()
    {
        var builder = TopologyAppModel.Create(
            "--Topology:CanaryPods:0=http://127.0.0.5:8080", "--Topology:CanaryPods:1=http://127.0.0.6:8080",
            "--Topology:CanaryFailureRate=0.2", "--Topology:CanaryExtraLatency=300");
        await using var app = builder.Build();

        foreach (var track in new[] { ResourceNames.StableTrack, ResourceNames.CanaryTrack })
        {
            var pods = track == ResourceNames.StableTrack ? DefaultStable.Length : 2;
            for (var i = 0; i < pods; i++)
            {
                var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Pod(track, i));

                var canary = track == ResourceNames.CanaryTrack;
                Assert.Equal(canary ? "0.2" : "0", environment["KUBEAPP_FAILURE_RATE"]);
                Assert.Equal(canary ? "300" : "0", environment["KUBEAPP_EXTRA_LATENCY"]);
            }
        }
    }

    [Fact]
    public void AddCanaryTopology_InvalidPod_StopsNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TopologyAppModel.Create("--Topology:StablePods:0=http://127.0.0.2"));

        Assert.Contains("Topology:StablePods:0 must be an http URL", error.Message);
    }

    [Fact]
    public void AddCanaryTopology_MisspeltKey_Stops()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TopologyAppModel.Create("--Topology:StablePod:0=http://127.0.0.9:8080"));

        Assert.Contains("StablePod", error.Message);
    }

    private static void AssertDirect(EndpointAnnotation endpoint, string host, int port, string scheme = "http")
    {
        Assert.False(endpoint.IsProxied);
        Assert.Equal(scheme, endpoint.UriScheme);
        Assert.Equal(host, endpoint.TargetHost);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(port, endpoint.TargetPort);
    }
}
