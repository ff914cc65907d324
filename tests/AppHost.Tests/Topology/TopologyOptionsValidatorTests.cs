using AppHost.Topology;
using Microsoft.Extensions.Options;

namespace AppHost.Tests.Topology;

public sealed class TopologyOptionsValidatorTests
{
    private readonly TopologyOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(Options.DefaultName, new TopologyOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://localhost:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("https://127.0.0.2:8443")]
    [InlineData("http://127.0.0.2")]
    [InlineData("http://127.0.0.2:8080/app")]
    [InlineData("127.0.0.2:8080")]
    [InlineData("")]
    public void Validate_PodNotAnHttpLoopbackUrlWithPort_FailsNamingTheKey(string pod)
    {
        var options = new TopologyOptions { CanaryPods = ["http://127.0.0.5:8080", pod] };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains($"Topology:CanaryPods:1 must be an http URL on a 127.0.0.0/8 address with a port", result.FailureMessage);
        Assert.Contains($"got '{pod}'", result.FailureMessage);
    }

    [Fact]
    public void Validate_GatewayOnAPodsAddress_FailsNamingBothKeys()
    {
        var options = new TopologyOptions { GatewayHttp = "http://127.0.0.3:8080" };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Topology:GatewayHttp ('http://127.0.0.3:8080') uses the same address as Topology:StablePods:1", result.FailureMessage);
    }

    [Fact]
    public void Validate_NoCanaryPods_Fails()
    {
        var options = new TopologyOptions { CanaryPods = [] };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Topology:CanaryPods must list at least one pod URL.", result.FailureMessage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void Validate_WeightOutsidePercentage_Fails(double weight)
    {
        var options = new TopologyOptions { CanaryWeight = (decimal)weight };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Topology:CanaryWeight must be a percentage from 0 to 100", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12.5)]
    [InlineData(100)]
    public void Validate_WeightWithinPercentage_Succeeds(double weight)
    {
        var options = new TopologyOptions { CanaryWeight = (decimal)weight };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2.0 beta")]
    public void Validate_CanaryVersionEmptyOrWithSpace_Fails(string version)
    {
        var options = new TopologyOptions { CanaryVersion = version };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Topology:CanaryVersion must be a version without spaces", result.FailureMessage);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Validate_CanaryFailureRateOutsideZeroToOne_Fails(double rate)
    {
        var options = new TopologyOptions { CanaryFailureRate = (decimal)rate };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains($"Topology:CanaryFailureRate must be a fraction from 0 to 1, such as 0.2; got '{(decimal)rate}'.", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.2)]
    [InlineData(1)]
    public void Validate_CanaryFailureRateFromZeroToOne_Succeeds(double rate)
    {
        var options = new TopologyOptions { CanaryFailureRate = (decimal)rate };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NegativeCanaryExtraLatency_Fails()
    {
        var options = new TopologyOptions { CanaryExtraLatency = -1 };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Topology:CanaryExtraLatency must be milliseconds, 0 or more; got '-1'.", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600)]
    public void Validate_CanaryExtraLatencyZeroOrMore_Succeeds(int latency)
    {
        var options = new TopologyOptions { CanaryExtraLatency = latency };

        var result = _validator.Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
