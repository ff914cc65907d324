using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppHost.Tests.Topology;

/// <summary>
/// The app model <see cref="TopologyBuilderExtensions.AddCanaryTopology"/> builds, and what each process would be
/// given, resolved by a built but never started app: no process runs, so these are exact and fast.
/// </summary>
/// <remarks>
/// A plain builder rather than Aspire's testing builder: with Aspire 13.6.5 every testing-builder app after the first
/// in a process took 30 s to dispose here, and CanaryTopologyTests already has the first.
/// </remarks>
public sealed class TopologyBuilderExtensionsTests
{
    private static readonly string[] DefaultStable = ["http://127.0.0.2:8080", "http://127.0.0.3:8080", "http://127.0.0.4:8080"];

    [Fact]
    public async Task AddCanaryTopology_Defaults_GatewayConfiguredOnlyThroughDesignKeys()
    {
        var builder = Create();
        await using var app = builder.Build();

        var (_, environment) = await ResolveAsync(app, builder, ResourceNames.Gateway);

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
        var builder = Create();

        var endpoints = Project(builder, ResourceNames.Gateway).Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);

        AssertDirect(endpoints[EndpointNames.Http], "127.0.0.1", 8080);
        AssertDirect(endpoints[EndpointNames.Management], "127.0.0.1", 9090);
        AssertDirect(endpoints[EndpointNames.Https], "127.0.0.1", 8443, "https");
    }

    [Fact]
    public async Task AddCanaryTopology_Defaults_ThreeStableAndOneCanaryPodEachOnItsOwnAddress()
    {
        var builder = Create();
        await using var app = builder.Build();
        var pods = DefaultStable.Select((url, i) => (Name: ResourceNames.Pod(ResourceNames.StableTrack, i), Url: url, Version: "1.0"))
            .Append((Name: ResourceNames.Pod(ResourceNames.CanaryTrack, 0), Url: "http://127.0.0.5:8080", Version: "2.0"));

        foreach (var (name, url, version) in pods)
        {
            var (arguments, environment) = await ResolveAsync(app, builder, name);
            var endpoint = Assert.Single(Project(builder, name).Annotations.OfType<EndpointAnnotation>());

            Assert.Equal(["--urls", url], arguments);
            Assert.Equal(version, environment["KUBEAPP_VERSION"]);
            Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
            AssertDirect(endpoint, new Uri(url).Host, 8080);
        }

        Assert.Equal(5, builder.Resources.OfType<ProjectResource>().Count());
    }

    [Fact]
    public async Task AddCanaryTopology_EmptyWeight_LeavesTheSplitToTheGateway()
    {
        var builder = Create("--Topology:CanaryWeight=");
        await using var app = builder.Build();

        var (_, environment) = await ResolveAsync(app, builder, ResourceNames.Gateway);

        Assert.DoesNotContain("Gateway__Canary__Weight", environment.Keys);
    }

    [Fact]
    public void AddCanaryTopology_InvalidPod_StopsNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Create("--Topology:StablePods:0=http://127.0.0.2"));

        Assert.Contains("Topology:StablePods:0 must be an http URL", error.Message);
    }

    [Fact]
    public void AddCanaryTopology_MisspeltKey_Stops()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create("--Topology:StablePod:0=http://127.0.0.9:8080"));

        Assert.Contains("StablePod", error.Message);
    }

    private static IDistributedApplicationBuilder Create(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
        builder.AddCanaryTopology();
        return builder;
    }

    // The arguments and environment DCP would be given for the resource.
    private static async Task<(string[] Arguments, Dictionary<string, string> Environment)> ResolveAsync(
        DistributedApplication app, IDistributedApplicationBuilder builder, string name)
    {
        var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var resolved = await ExecutionConfigurationBuilder.Create(Project(builder, name))
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(context, NullLogger.Instance, CancellationToken.None);
        return ([.. resolved.Arguments.Select(a => a.Value)], resolved.EnvironmentVariables.ToDictionary());
    }

    private static ProjectResource Project(IDistributedApplicationBuilder builder, string name) =>
        Assert.Single(builder.Resources.OfType<ProjectResource>(), r => r.Name == name);

    private static void AssertDirect(EndpointAnnotation endpoint, string host, int port, string scheme = "http")
    {
        Assert.False(endpoint.IsProxied);
        Assert.Equal(scheme, endpoint.UriScheme);
        Assert.Equal(host, endpoint.TargetHost);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(port, endpoint.TargetPort);
    }
}
