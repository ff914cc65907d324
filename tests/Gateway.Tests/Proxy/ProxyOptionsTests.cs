using Gateway.Configuration;
using Gateway.Proxy;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Proxy;

/// <summary><c>Gateway:Proxy</c> is checked at startup like every other section.</summary>
public sealed class ProxyOptionsTests
{
    [Theory]
    [InlineData("00:00:00", "Gateway:Proxy:ConnectTimeout must be a positive duration such as 00:00:02, got '00:00:00'.")]
    [InlineData("-00:00:01", "Gateway:Proxy:ConnectTimeout must be a positive duration such as 00:00:02, got '-00:00:01'.")]
    [InlineData("two seconds", "'Gateway:Proxy:ConnectTimeout'")]
    public void ThrowIfInvalid_BadConnectTimeout_OneLineNamingTheKey(string value, string expected)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(Configuration(value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("00:00:00.250")]
    [InlineData("00:00:30")]
    public void ThrowIfInvalid_PositiveConnectTimeout_Passes(string value) => StartupValidation.ThrowIfInvalid(Configuration(value));

    [Fact]
    public void ConnectTimeout_NotConfigured_TwoSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new ProxyOptions().ConnectTimeout);
        StartupValidation.ThrowIfInvalid(Configuration(value: null));
    }

    private static IConfiguration Configuration(string? value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
        };
        if (value is not null)
        {
            settings["Gateway:Proxy:ConnectTimeout"] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
