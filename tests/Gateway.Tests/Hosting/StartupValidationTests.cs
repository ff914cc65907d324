using Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Hosting;

public sealed class StartupValidationTests
{
    private static readonly Dictionary<string, string?> ValidStatic = new()
    {
        ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
        ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
    };

    public static TheoryData<string, string?, string> InvalidSettings => new()
    {
        { "Gateway:Canary:Weight", "150", "Gateway:Canary:Weight must be a percentage between 0 and 100, got '150'." },
        { "Gateway:Canary:Weight", "-1", "Gateway:Canary:Weight must be a percentage between 0 and 100, got '-1'." },
        { "Gateway:Canary:Weight", "abc", "'Gateway:Canary:Weight'" },
        { "Gateway:Canary:Header", "X Canary", "Gateway:Canary:Header must be a valid HTTP header name" },
        { "Gateway:Canary:StickyCookie", "", "Gateway:Canary:StickyCookie must be a valid cookie name" },
        { "Gateway:Canary:StickyCookie", "canary", "Gateway:Canary:StickyCookie must differ from Gateway:Canary:Cookie" },
        { "Gateway:Canary:StickyMaxAge", "-00:00:01", "Gateway:Canary:StickyMaxAge must be a positive duration" },
        { "Gateway:Canary:StickyMaxAge", "a week", "'Gateway:Canary:StickyMaxAge'" },
        { "Gateway:Tracks:Canary:Destinations:0", "not a url", "Gateway:Tracks:Canary:Destinations:0 must be an absolute http:// or https:// URL" },
        { "Gateway:Tracks:Stable:Destinations:0", "ftp://127.0.0.2", "Gateway:Tracks:Stable:Destinations:0 must be an absolute http:// or https:// URL" },
        { "Gateway:Tracks:Canary:Hosts:0", "https://canary.foo.bar", "Gateway:Tracks:Canary:Hosts:0 must be a host name" },
        { "Gateway:Tracks:Stable:Hosts:0", "canary.foo.bar", "Gateway:Tracks:Stable:Hosts:0 'canary.foo.bar' and Gateway:Tracks:Canary:Hosts (default) 'canary.foo.bar' name the same host; pin it to one track only." },
        { "Gateway:Tracks:Stable:Hosts:0", "canary.foo.bar.", "Gateway:Tracks:Stable:Hosts:0 'canary.foo.bar.' and Gateway:Tracks:Canary:Hosts (default) 'canary.foo.bar' name the same host" },
        { "Gateway:Tracks:Stable:Hosts:0", "Canary.Foo.Bar", "Gateway:Tracks:Stable:Hosts:0 'Canary.Foo.Bar' and Gateway:Tracks:Canary:Hosts (default)" },
        { "Gateway:Telemetry:Enabled", "maybe", "'Gateway:Telemetry:Enabled'" },
        { "Gateway:Telemetry:TraceSampleRatio", "2", "Gateway:Telemetry:TraceSampleRatio must be between 0 and 1, got '2'." },
        { "Gateway:Telemetry:TraceSampleRatio", "-0.5", "Gateway:Telemetry:TraceSampleRatio must be between 0 and 1, got '-0.5'." },
        { "Gateway:Telemetry:TraceSampleRatio", "NaN", "Gateway:Telemetry:TraceSampleRatio must be between 0 and 1, got 'NaN'." },
        { "Gateway:Canary:Wieght", "25", "Gateway:Canary:Wieght is not a known setting" },
        { "Gateway:Tracks:Canary:Hosts:0:Name", "canary.foo.bar", "Gateway:Tracks:Canary:Hosts:0:Name is not a known setting" },
        { "Gateway:Discovery", "Consul", "'Gateway:Discovery'" },
        { "Gateway:Listen:Http", "http://example.com:8080", "Gateway:Listen:Http host must be *, localhost or an IP address" },
        { "Gateway:Listen:Management", "http://*:8080", "Gateway:Listen:Management uses port 8080, already used by Gateway:Listen:Http." },
        { "Gateway:Listen:Http", "http://*", "Gateway:Listen:Http must name a port" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void ThrowIfInvalid_BadValue_OneLineNamingTheKey(string key, string? value, string expected)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(Configuration((key, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ThrowIfInvalid_StaticModeWithoutDestinations_NamesTheKey()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(new ConfigurationBuilder().Build()));

        Assert.StartsWith("Gateway:Tracks:Stable:Destinations must list at least one URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_KubernetesModeWithDefaults_IsValid()
    {
        StartupValidation.ThrowIfInvalid(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Discovery"] = "Kubernetes" }).Build());
    }

    [Theory]
    [InlineData("Kubeapp-Canary")]
    [InlineData("kubeapp_canary")]
    [InlineData("kubeapp-canary-")]
    public void ThrowIfInvalid_BadDeploymentName_NamesTheKey(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Discovery"] = "Kubernetes",
            ["Gateway:Tracks:Canary:Deployment"] = name,
        }).Build();

        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));

        Assert.Equal($"Gateway:Tracks:Canary:Deployment must be a Kubernetes Deployment name (lower-case letters, digits, '-' and '.'), got '{name}'.", error.Message);
    }

    [Theory]
    [InlineData("kubeapp-canary")]
    [InlineData("kubeapp.canary-2")]
    public void ThrowIfInvalid_GoodDeploymentName_Accepted(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Discovery"] = "Kubernetes",
            ["Gateway:Tracks:Stable:Deployment"] = name,
        }).Build();

        StartupValidation.ThrowIfInvalid(configuration);
    }

    [Fact]
    public void ThrowIfInvalid_KubernetesModeBadServiceName_NamesTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Discovery"] = "Kubernetes",
            ["Gateway:Tracks:Canary:Service"] = "Canary_Service",
        }).Build();

        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));

        Assert.StartsWith("Gateway:Tracks:Canary:Service must be a Kubernetes Service name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_HostOnBothTracksSpeltDifferently_NamesBothKeys()
    {
        var configuration = Configuration(
            ("Gateway:Tracks:Stable:Hosts:0", "www.foo.bar"),
            ("Gateway:Tracks:Stable:Hosts:1", "foo.bar."),
            ("Gateway:Tracks:Canary:Hosts:0", "canary.foo.bar"),
            ("Gateway:Tracks:Canary:Hosts:1", "FOO.bar"));

        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));

        Assert.Equal("Gateway:Tracks:Stable:Hosts:1 'foo.bar.' and Gateway:Tracks:Canary:Hosts:1 'FOO.bar' name the same host; pin it to one track only.", error.Message);
    }

    [Theory]
    [InlineData("Gateway:Canary:Weight", "0")]
    [InlineData("Gateway:Canary:Weight", "100")]
    [InlineData("Gateway:Canary:Weight", "33.33")]
    [InlineData("Gateway:Canary:Header", "")]
    [InlineData("Gateway:Listen:Https", "")]
    [InlineData("Gateway:Listen:Management", "http://[::1]:0")]
    [InlineData("Gateway:Tracks:Canary:Hosts:0", "")]
    [InlineData("Gateway:Tracks:Stable:Hosts:0", "www.foo.bar.")]
    [InlineData("Gateway:Telemetry:TraceSampleRatio", "0")]
    [InlineData("Gateway:Telemetry:TraceSampleRatio", "0.25")]
    [InlineData("Gateway:Telemetry:Enabled", "false")]
    [InlineData("GATEWAY:CANARY:WEIGHT", "25")]
    public void ThrowIfInvalid_GoodValue_Passes(string key, string value) => StartupValidation.ThrowIfInvalid(Configuration((key, value)));

    private static IConfiguration Configuration(params (string Key, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(ValidStatic);
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
