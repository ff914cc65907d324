using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Hosting;

/// <summary><c>GATEWAY_CONFIG_FILE</c>: the mounted ConfigMap, reloaded on change.</summary>
public sealed class ConfigFileTests(TopologyFixture topology, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TopologyFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-config-").FullName;
    private readonly LogCapture _logs = new();

    private string File => Path.Combine(_directory, "gateway.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ConfigFile_EditedWeight_AppliesWithoutRestart_InvalidEditKeepsLastGood()
    {
        await System.IO.File.WriteAllTextAsync(File, """{ "Gateway": { "Canary": { "Weight": 10 } } }""");
        await using var gateway = await StartGatewayAsync();
        var rules = gateway.Service<CanaryRulesProvider>();
        Assert.Equal(10, rules.Current.EffectiveWeight);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 60 } } }""");
        Assert.Equal(60, rules.Current.EffectiveWeight);

        // Rejected by the file's provider: no configuration reload, an error naming the file.
        Replace("""{ "Gateway": { "Canary": { "Weight": 70, """);
        await WaitForFileRejectionAsync("the file cannot be read");
        Assert.Equal(60, rules.Current.EffectiveWeight);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 101 } } }""");
        Assert.Equal(60, rules.Current.EffectiveWeight);
    }

    [Fact]
    public async Task ConfigFile_Removed_KeepsLastGoodSettingsAndLogsAnError_BackAgainApplies()
    {
        // Weight 10, not 25: with the fixture's three stable pods and one canary the proportional default is 25 itself.
        await System.IO.File.WriteAllTextAsync(File, """{ "Gateway": { "Canary": { "Weight": 10, "AllowForcing": false } } }""");
        await using var gateway = await StartGatewayAsync();
        var rules = gateway.Service<CanaryRulesProvider>();

        System.IO.File.Move(File, File + ".away");
        await WaitForFileRejectionAsync("the file was removed");

        Assert.Equal(10, rules.Current.EffectiveWeight);
        Assert.Equal(WeightSource.Configured, rules.Current.WeightSource);
        Assert.False(rules.Current.Settings.AllowForcing);

        await ChangeAndWaitForReloadAsync(gateway, """{ "Gateway": { "Canary": { "Weight": 30 } } }""");
        Assert.Equal(30, rules.Current.EffectiveWeight);
    }

    /// <summary>
    /// The file sits above the shipped appsettings.json (which sets <c>Discovery: Static</c>, forcing on, the cookie
    /// names) and below environment variables and the command line — as a ConfigMap must, or a pod configured for
    /// Kubernetes discovery would run with static discovery.
    /// </summary>
    [Fact]
    public async Task ConfigFile_AboveTheShippedAppSettings_BelowEnvironmentAndCommandLine()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_directory, "app")).FullName;
        System.IO.File.Copy(TestSupport.RepoPaths.Combine("src", "Gateway", "appsettings.json"), Path.Combine(contentRoot, "appsettings.json"));
        await System.IO.File.WriteAllTextAsync(File, """{ "Gateway": { "Canary": { "AllowForcing": false, "TrackHeader": "X-From-File", "Cookie": "from-file" } } }""");

        await using var app = GatewayApp.Build([
            $"--contentRoot={contentRoot}",
            $"--{ConfigFileExtensions.ConfigFileKey}={File}",
            "--Gateway:Canary:Cookie=from-command-line",
            "--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.1:1",
            "--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.1:2",
        ]);
        var configuration = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();

        Assert.Equal("False", configuration["Gateway:Canary:AllowForcing"]);
        Assert.Equal("X-From-File", configuration["Gateway:Canary:TrackHeader"]);
        Assert.Equal("from-command-line", configuration["Gateway:Canary:Cookie"]);
        // A key only appsettings.json sets still comes from it.
        Assert.Equal("canary-bucket", configuration["Gateway:Canary:StickyCookie"]);
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
            Replace(json);
            output.WriteLine($"reload accepted: {await handled.Task.WaitAsync(TimeSpan.FromSeconds(30))}");
        }
        finally
        {
            rules.ReloadHandled -= OnHandled;
        }
    }

    private Task<GatewayInstance> StartGatewayAsync() =>
        GatewayInstance.StartAsync(topology.StableUrls, topology.CanaryUrls, [$"{ConfigFileExtensions.ConfigFileKey}={File}"], builder => builder.Logging.AddProvider(_logs));

    private async Task WaitForFileRejectionAsync(string reason)
    {
        var error = await _logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains(reason, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains(File, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Replaces the file atomically, as Kubernetes does when it swaps a ConfigMap's <c>..data</c> symlink.</summary>
    private void Replace(string json)
    {
        var temporary = File + ".tmp";
        System.IO.File.WriteAllText(temporary, json);
        System.IO.File.Move(temporary, File, overwrite: true);
    }
}
