using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Rollouts;

/// <summary>Invalid <c>Gateway:Rollout</c> and <c>Gateway:Management</c> values stop the gateway with one line naming the key.</summary>
public sealed class RolloutStartupValidationTests
{
    private static readonly string[] ValidArgs =
    [
        "--Gateway:Listen:Http=http://127.0.0.1:0",
        "--Gateway:Listen:Management=http://127.0.0.1:0",
        "--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080",
        "--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080",
        "--Gateway:Shutdown:DrainPeriod=00:00:00",
        "--Logging:LogLevel:Default=None",
        "--Gateway:Rollout:Enabled=true",
    ];

    public static TheoryData<string[], string> InvalidSettings => new()
    {
        { ["Gateway:Rollout:Steps:0=50", "Gateway:Rollout:Steps:1=10"], "Gateway:Rollout:Steps:1 must be above the step before it ('50'): steps rise strictly, got '10'." },
        { ["Gateway:Rollout:Steps:0=10", "Gateway:Rollout:Steps:1=10"], "Gateway:Rollout:Steps:1 must be above the step before it ('10')" },
        { ["Gateway:Rollout:Steps:0=0"], "Gateway:Rollout:Steps:0 must be a weight with 0 < w <= 100, got '0'." },
        { ["Gateway:Rollout:Steps:0=50", "Gateway:Rollout:Steps:1=100.5"], "Gateway:Rollout:Steps:1 must be a weight with 0 < w <= 100, got '100.5'." },
        { ["Gateway:Rollout:Interval=00:00:00.500"], "Gateway:Rollout:Interval must be at least 00:00:01" },
        { ["Gateway:Rollout:Interval=thirty seconds"], "'Gateway:Rollout:Interval'" },
        { ["Gateway:Rollout:ChecksPerStep=0"], "Gateway:Rollout:ChecksPerStep must be at least 1, got '0'." },
        { ["Gateway:Rollout:MinRequests=0"], "Gateway:Rollout:MinRequests must be at least 1, got '0'." },
        { ["Gateway:Rollout:FailureLimit=0"], "Gateway:Rollout:FailureLimit must be at least 1, got '0'." },
        { ["Gateway:Rollout:Gates:MaxErrorRate=101"], "Gateway:Rollout:Gates:MaxErrorRate must be a percentage between 0 and 100, got '101'." },
        { ["Gateway:Rollout:Gates:MaxP99=00:00:00"], "Gateway:Rollout:Gates:MaxP99 must be a positive duration" },
        { ["Gateway:Rollout:Gates:MaxP99OverStable=0"], "Gateway:Rollout:Gates:MaxP99OverStable must be a positive factor" },
        { ["Gateway:Rollout:Promotion=Sometimes"], "'Gateway:Rollout:Promotion'" },
        { ["Gateway:Rollout:Promotion=Deployment"], "Gateway:Rollout:Promotion 'Deployment' needs Gateway:Discovery=Kubernetes" },
        { ["Gateway:Rollout:ScaleDownCanary=true"], "Gateway:Rollout:ScaleDownCanary needs Promotion: Deployment" },
        { ["Gateway:Rollout:LeaseDuration=00:00:00.900", "Gateway:Rollout:RenewDeadline=00:00:00.500", "Gateway:Rollout:RetryPeriod=00:00:00.100"], "Gateway:Rollout:LeaseDuration must be at least 00:00:01 (a Lease counts whole seconds)" },
        { ["Gateway:Rollout:Enabled=yes"], "'Gateway:Rollout:Enabled'" },
        { ["Gateway:Rollout:Identity= "], "Gateway:Rollout:Identity must not be blank" },
        { ["Gateway:Rollout:LeaseDuration=00:00:05"], "Gateway:Rollout:LeaseDuration must be above RenewDeadline" },
        { ["Gateway:Rollout:Stepz:0=5"], "Gateway:Rollout:Stepz is not a known setting" },
        { ["Gateway:Rollout:Gates:MaxP95=00:00:01"], "Gateway:Rollout:Gates:MaxP95 is not a known setting" },
        { ["Gateway:Management:Tokn=secret"], "Gateway:Management:Tokn is not a known setting" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task RunAsync_InvalidRolloutSetting_OneLineNamingTheKey_Exit2(string[] settings, string expected)
    {
        using var error = new StringWriter();

        // Should the setting be accepted after all, the gateway stops once started instead of running on.
        var exitCode = await Program.RunAsync([.. ValidArgs, .. settings.Select(s => "--" + s)], error, builder => builder.Services.AddHostedService<StopsOnceStarted>());

        Assert.Equal(2, exitCode);
        var output = error.ToString();
        Assert.EndsWith(Environment.NewLine, output, StringComparison.Ordinal);
        var line = output[..^Environment.NewLine.Length];
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("gateway: invalid configuration: ", line, StringComparison.Ordinal);
        Assert.True(line.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {line}");
    }

    /// <summary>
    /// A step that is not a number must stop the gateway like any other bad value. The configuration binder drops a
    /// list element it cannot convert without a word, so <c>[ten, 50]</c> would run as <c>[50]</c>.
    /// </summary>
    [Fact]
    public async Task RunAsync_StepNotANumber_OneLineNamingTheKey_Exit2()
    {
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync([.. ValidArgs, "--Gateway:Rollout:Steps:0=ten", "--Gateway:Rollout:Steps:1=50"], error, builder => builder.Services.AddHostedService<StopsOnceStarted>());

        Assert.True(exitCode == 2, $"exit code {exitCode}: the gateway started with Gateway:Rollout:Steps:0=ten");
        Assert.StartsWith("gateway: invalid configuration: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Gateway:Rollout:Steps:0", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:Rollout:Steps:0", "100")]
    [InlineData("Gateway:Rollout:Steps:0", "0.5")]
    [InlineData("Gateway:Rollout:Interval", "00:00:01")]
    [InlineData("Gateway:Rollout:Gates:MaxErrorRate", "0")]
    [InlineData("Gateway:Rollout:AutoStart", "false")]
    [InlineData("Gateway:Management:Token", "")]
    [InlineData("Gateway:Management:Token", "s3cret")]
    public void ThrowIfInvalid_GoodRolloutValue_Passes(string key, string value) =>
        StartupValidation.ThrowIfInvalid(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
            ["Gateway:Rollout:Enabled"] = "true",
            [key] = value,
        }).Build());

    private sealed class StopsOnceStarted(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
