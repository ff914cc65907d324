using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppHost.Tests.Topology;

/// <summary><c>Topology:Rollout=true</c>: what the gateway is given, and what the app host prints once it is ready.</summary>
public sealed class DemoRolloutExtensionsTests
{
    private const string TokenKey = "Gateway__Management__Token";

    [Fact]
    public async Task AddCanaryTopology_Rollout_GatewayGetsDemoRolloutAndWeightZero()
    {
        var builder = TopologyAppModel.Create("--Topology:Rollout=true");
        await using var app = builder.Build();

        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);

        var expected = new Dictionary<string, string>
        {
            ["Gateway__Rollout__Enabled"] = "true",
            ["Gateway__Rollout__Steps__0"] = "10",
            ["Gateway__Rollout__Steps__1"] = "25",
            ["Gateway__Rollout__Steps__2"] = "50",
            ["Gateway__Rollout__Steps__3"] = "100",
            ["Gateway__Rollout__Interval"] = "00:00:05",
            ["Gateway__Rollout__ChecksPerStep"] = "2",
            ["Gateway__Rollout__MinRequests"] = "50",
            ["Gateway__Canary__Weight"] = "0",
        };
        Assert.Equal(expected, environment.Where(e => e.Key.StartsWith("Gateway__Rollout__", StringComparison.Ordinal) || e.Key == "Gateway__Canary__Weight").ToDictionary());
        Assert.Matches("^[0-9a-f]{32}$", environment[TokenKey]);
    }

    [Fact]
    public async Task AddCanaryTopology_RolloutAndAWeight_WeightIsZeroUntilTheRolloutSetsIt()
    {
        var builder = TopologyAppModel.Create("--Topology:Rollout=true", "--Topology:CanaryWeight=50");
        await using var app = builder.Build();

        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);

        Assert.Equal("0", environment["Gateway__Canary__Weight"]);
    }

    [Fact]
    public async Task AddCanaryTopology_RolloutTwice_MakesADifferentTokenEachRun()
    {
        var first = TopologyAppModel.Create("--Topology:Rollout=true");
        var second = TopologyAppModel.Create("--Topology:Rollout=true");
        await using var firstApp = first.Build();
        await using var secondApp = second.Build();

        var (_, firstEnvironment) = await TopologyAppModel.ResolveAsync(firstApp, first, ResourceNames.Gateway);
        var (_, secondEnvironment) = await TopologyAppModel.ResolveAsync(secondApp, second, ResourceNames.Gateway);

        Assert.NotEqual(firstEnvironment[TokenKey], secondEnvironment[TokenKey]);
    }

    [Fact]
    public async Task AddCanaryTopology_RolloutOff_GatewayGetsNoRolloutAndNoToken()
    {
        var builder = TopologyAppModel.Create("--Topology:Rollout=false");
        await using var app = builder.Build();

        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);

        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Gateway__Rollout__", StringComparison.Ordinal) || k.StartsWith("Gateway__Management__", StringComparison.Ordinal));
        Assert.Equal("25", environment["Gateway__Canary__Weight"]);
    }

    [Fact]
    public async Task AddCanaryTopology_Rollout_DashboardLinksTheRolloutDocument()
    {
        var builder = TopologyAppModel.Create("--Topology:Rollout=true", "--Topology:GatewayManagement=http://127.0.0.1:19090");
        await using var app = builder.Build();
        var gateway = TopologyAppModel.Project(builder, ResourceNames.Gateway);

        // What the dashboard would list besides the endpoints: every URL callback, run as Aspire runs them.
        var urls = new List<ResourceUrlAnnotation>();
        var context = new ResourceUrlsCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), gateway, urls, CancellationToken.None);
        foreach (var callback in gateway.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        var rollout = Assert.Single(urls);
        Assert.Equal("http://127.0.0.1:19090/rollout", rollout.Url);
        Assert.Equal("GET /rollout", rollout.DisplayText);
    }

    [Fact]
    public async Task GatewayReady_Rollout_PrintsTheTokenAndHowToUseIt()
    {
        var (entries, token) = await PublishGatewayReadyAsync("--Topology:Rollout=true", "--Topology:GatewayManagement=http://127.0.0.1:19090");

        var entry = Assert.Single(entries, e => e.Category == typeof(DemoRolloutExtensions).FullName);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains($"Management token: {token}", entry.Message, StringComparison.Ordinal);
        Assert.Contains("curl http://127.0.0.1:19090/rollout\n", entry.Message, StringComparison.Ordinal);
        Assert.Contains($"curl -X POST -H \"Authorization: Bearer {token}\" http://127.0.0.1:19090/rollout/pause", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayReady_RolloutOff_PrintsNothing()
    {
        var (entries, _) = await PublishGatewayReadyAsync();

        Assert.DoesNotContain(entries, e => e.Category == typeof(DemoRolloutExtensions).FullName);
    }

    // Raises the event Aspire raises once the gateway's /readyz answers, on a built app that never starts.
    private static async Task<(IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries, string? Token)> PublishGatewayReadyAsync(params string[] args)
    {
        var builder = TopologyAppModel.Create(args);
        using var logs = new CapturingLoggerProvider();
        builder.Services.AddSingleton<ILoggerProvider>(logs);
        await using var app = builder.Build();
        var (_, environment) = await TopologyAppModel.ResolveAsync(app, builder, ResourceNames.Gateway);
        var gateway = TopologyAppModel.Project(builder, ResourceNames.Gateway);

        await builder.Eventing.PublishAsync(new ResourceReadyEvent(gateway, app.Services));

        return (logs.Entries, environment.GetValueOrDefault(TokenKey));
    }
}
