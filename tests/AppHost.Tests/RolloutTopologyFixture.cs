using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppHost.Tests;

/// <summary>
/// The topology as the rollout demo runs it (<c>--Topology:Rollout=true</c>), with a canary that fails every request
/// (<c>--Topology:CanaryFailureRate=1</c>): one app host shared by <see cref="RolloutTopologyTests"/> and
/// <see cref="RolloutDemoTests"/>, since each start of the real app host costs about a minute here.
/// </summary>
public sealed class RolloutTopologyFixture() : CanaryTopologyFixture(["--Topology:Rollout=true", "--Topology:CanaryFailureRate=1"])
{
    /// <summary>The name of the collection that shares one <see cref="RolloutTopologyFixture"/>.</summary>
    public const string Collection = "rollout topology";

    /// <summary>The management token the app host made for this run, as the gateway process was given it.</summary>
    public async Task<string> ManagementTokenAsync()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var gateway = model.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Gateway);
        var resolved = await ExecutionConfigurationBuilder.Create(gateway)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, CancellationToken.None);
        return resolved.EnvironmentVariables.Single(e => e.Key == "Gateway__Management__Token").Value;
    }
}
