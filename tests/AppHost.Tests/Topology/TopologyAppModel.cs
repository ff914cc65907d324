using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppHost.Tests.Topology;

/// <summary>
/// The app model <see cref="TopologyBuilderExtensions.AddCanaryTopology"/> builds, and what each process would be
/// given, resolved by a built but never started app.
/// </summary>
/// <remarks>
/// A plain builder rather than Aspire's testing builder: with Aspire 13.6.5 every testing-builder app after the first
/// in a process took 30 s to dispose here, and CanaryTopologyTests already has the first.
/// </remarks>
internal static class TopologyAppModel
{
    public static IDistributedApplicationBuilder Create(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
        builder.AddCanaryTopology();
        return builder;
    }

    /// <summary>The arguments and environment DCP would be given for the resource.</summary>
    public static async Task<(string[] Arguments, Dictionary<string, string> Environment)> ResolveAsync(
        DistributedApplication app, IDistributedApplicationBuilder builder, string name)
    {
        var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var resolved = await ExecutionConfigurationBuilder.Create(Project(builder, name))
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(context, NullLogger.Instance, CancellationToken.None);
        return ([.. resolved.Arguments.Select(a => a.Value)], resolved.EnvironmentVariables.ToDictionary());
    }

    public static ProjectResource Project(IDistributedApplicationBuilder builder, string name) =>
        Assert.Single(builder.Resources.OfType<ProjectResource>(), r => r.Name == name);
}
