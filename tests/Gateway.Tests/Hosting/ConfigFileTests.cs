using Gateway.Canary;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary><c>GATEWAY_CONFIG_FILE</c>: the mounted ConfigMap, reloaded on change.</summary>
public sealed class ConfigFileTests(TopologyFixture topology, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TopologyFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-config-").FullName;

    private string File => Path.Combine(_directory, "gateway.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ConfigFile_EditedWeight_AppliesWithoutRestart_InvalidEditKeepsLastGood()
    {
        await System.IO.File.WriteAllTextAsync(File, """{ "Gateway": { "Canary": { "Weight": 10 } } }""");
        await using var gateway = await topology.StartGatewayAsync($"{ConfigFileExtensions.ConfigFileKey}={File}");
        var rules = gateway.Service<CanaryRulesProvider>();
        Assert.Equal(10, rules.Current.EffectiveWeight);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 60 } } }""");
        Assert.Equal(60, rules.Current.EffectiveWeight);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 60, """);
        Assert.Equal(60, rules.Current.EffectiveWeight);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 101 } } }""");
        Assert.Equal(60, rules.Current.EffectiveWeight);
    }

    [Fact]
    public void ConfigFile_Missing_IsAConfigurationErrorNamingTheVariable()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build([$"--{ConfigFileExtensions.ConfigFileKey}={File}.missing"]));

        Assert.Equal($"GATEWAY_CONFIG_FILE '{File}.missing' does not exist.", error.Message);
    }

    private async Task ChangeAndWaitForReloadAsync(GatewayInstance gateway, string json)
    {
        var rules = gateway.Service<CanaryRulesProvider>();
        var handled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnHandled(bool accepted) => handled.TrySetResult(accepted);
        rules.ReloadHandled += OnHandled;
        try
        {
            // Replace the file atomically, as Kubernetes does when it swaps a ConfigMap's ..data symlink.
            var temporary = File + ".tmp";
            await System.IO.File.WriteAllTextAsync(temporary, json);
            System.IO.File.Move(temporary, File, overwrite: true);
            output.WriteLine($"reload accepted: {await handled.Task.WaitAsync(TimeSpan.FromSeconds(30))}");
        }
        finally
        {
            rules.ReloadHandled -= OnHandled;
        }
    }
}
