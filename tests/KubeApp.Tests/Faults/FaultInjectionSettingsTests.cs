using KubeApp.Faults;
using Microsoft.Extensions.Configuration;

namespace KubeApp.Tests.Faults;

public sealed class FaultInjectionSettingsTests
{
    [Fact]
    public void Read_Unset_IsOff()
    {
        var options = FaultInjectionSettings.Read(Configuration());

        Assert.False(options.IsEnabled);
        Assert.Equal(FaultInjectionOptions.None, options);
    }

    [Fact]
    public void Read_Empty_IsOff()
    {
        var options = FaultInjectionSettings.Read(Configuration(rate: "", latency: ""));

        Assert.False(options.IsEnabled);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.2", 0.2)]
    [InlineData(".5", 0.5)]
    [InlineData(" 1 ", 1.0)]
    public void Read_RateFromZeroToOne_IsTaken(string value, double expected)
    {
        var options = FaultInjectionSettings.Read(Configuration(rate: value));

        Assert.Equal(expected, options.FailureRate);
        Assert.Equal(TimeSpan.Zero, options.ExtraLatency);
        Assert.Equal(expected > 0, options.IsEnabled);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("250", 250)]
    [InlineData("60000", 60000)]
    public void Read_LatencyInMilliseconds_IsTaken(string value, int expected)
    {
        var options = FaultInjectionSettings.Read(Configuration(latency: value));

        Assert.Equal(TimeSpan.FromMilliseconds(expected), options.ExtraLatency);
        Assert.Equal(0, options.FailureRate);
        Assert.Equal(expected > 0, options.IsEnabled);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-0.1")]
    [InlineData("1.01")]
    [InlineData("20%")]
    [InlineData("0,2")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("2e-1")]
    public void Read_RateNotAFractionFromZeroToOne_ThrowsNamingTheVariableAndValue(string value)
    {
        var error = Assert.Throws<KubeAppConfigurationException>(() => FaultInjectionSettings.Read(Configuration(rate: value)));

        Assert.Equal($"KUBEAPP_FAILURE_RATE must be a fraction from 0 to 1, such as 0.2; got '{value}'.", error.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("250ms")]
    [InlineData("99999999999")]
    public void Read_LatencyNotWholeMilliseconds_ThrowsNamingTheVariableAndValue(string value)
    {
        var error = Assert.Throws<KubeAppConfigurationException>(() => FaultInjectionSettings.Read(Configuration(latency: value)));

        Assert.Equal($"KUBEAPP_EXTRA_LATENCY must be a whole number of milliseconds, 0 or more, such as 250; got '{value}'.", error.Message);
    }

    [Fact]
    public void Read_ValueWithNewline_ErrorStaysOneLine()
    {
        var error = Assert.Throws<KubeAppConfigurationException>(() => FaultInjectionSettings.Read(Configuration(rate: "0.2\nx")));

        Assert.DoesNotContain('\n', error.Message);
    }

    private static IConfiguration Configuration(string? rate = null, string? latency = null)
    {
        var values = new Dictionary<string, string?>();
        if (rate is not null)
        {
            values[FaultInjectionOptions.FailureRateKey] = rate;
        }

        if (latency is not null)
        {
            values[FaultInjectionOptions.ExtraLatencyKey] = latency;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
