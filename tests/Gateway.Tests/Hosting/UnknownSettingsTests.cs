using System.Reflection;
using Gateway.Tracks;
using Microsoft.Extensions.Configuration;
using TestSupport;
using k8s;
using k8s.Models;

namespace Gateway.Tests.Hosting;

/// <summary>Keys under <c>Gateway</c> that no options class reads are errors; every documented spelling is accepted.</summary>
public sealed class UnknownSettingsTests
{
    /// <summary>Every key of README's configuration table, with the shapes that trip a naive check: lists, lists of objects, TimeSpans, empty values.</summary>
    private static readonly Dictionary<string, string?> EveryKey = new()
    {
        ["Gateway:Discovery"] = "Kubernetes",
        ["Gateway:Kubernetes:Namespace"] = "production",
        ["Gateway:Kubernetes:Kubeconfig"] = "/tmp/kubeconfig",
        ["Gateway:Tracks:Stable:Service"] = "kubeapp-production-service",
        ["Gateway:Tracks:Stable:PortName"] = "http",
        ["Gateway:Tracks:Stable:Hosts:0"] = "www.foo.bar",
        ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
        ["Gateway:Tracks:Stable:Destinations:1"] = "http://127.0.0.3:8080",
        ["Gateway:Tracks:Canary:Service"] = "kubeapp-canary-service",
        ["Gateway:Tracks:Canary:Hosts:0"] = "",
        ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
        ["Gateway:Canary:Weight"] = "25",
        ["Gateway:Canary:Header"] = "",
        ["Gateway:Canary:Cookie"] = "canary",
        ["Gateway:Canary:StickyCookie"] = "canary-bucket",
        ["Gateway:Canary:StickyMaxAge"] = "7.00:00:00",
        ["Gateway:Canary:TrackHeader"] = "X-Canary-Track",
        ["Gateway:Canary:AllowForcing"] = "true",
        ["Gateway:Listen:Http"] = "http://*:8080",
        ["Gateway:Listen:Https"] = "",
        ["Gateway:Listen:Management"] = "http://*:9090",
        ["Gateway:Tls:CertificatePath"] = "/etc/gateway/tls/tls.crt",
        ["Gateway:Tls:KeyPath"] = "/etc/gateway/tls/tls.key",
        ["Gateway:Tls:Certificates:0:Hosts:0"] = "canary.foo.bar",
        ["Gateway:Tls:Certificates:0:Hosts:1"] = "*.foo.bar",
        ["Gateway:Tls:Certificates:0:CertificatePath"] = "/etc/gateway/tls/canary.crt",
        ["Gateway:Tls:Certificates:0:KeyPath"] = "/etc/gateway/tls/canary.key",
        ["Gateway:Tls:RedirectHttp"] = "false",
        ["Gateway:Tls:RedirectHosts:0"] = "foo.bar",
        ["Gateway:Tls:HttpsPort"] = "443",
        ["Gateway:Tls:HstsMaxAge"] = "180.00:00:00",
        ["Gateway:Tls:SelfSigned"] = "false",
        ["Gateway:Tls:SelfSignedCertificatePath"] = "/tmp/ca.crt",
        ["Gateway:Telemetry:Enabled"] = "true",
        ["Gateway:Telemetry:TraceSampleRatio"] = "0.1",
        ["Gateway:Shutdown:DrainPeriod"] = "00:00:05",
        ["Gateway:Shutdown:Timeout"] = "00:00:20",
        ["Gateway:Proxy:ConnectTimeout"] = "00:00:02",
    };

    [Fact]
    public void Validate_EveryDocumentedKey_Accepted() => Assert.Null(UnknownSettings.Validate(Build(EveryKey)));

    [Fact]
    public void Validate_OtherCaseAndEmptySections_Accepted()
    {
        var configuration = Build(new()
        {
            ["GATEWAY:CANARY:WEIGHT"] = "25",
            ["gateway:tracks:stable:destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tls"] = "",
            ["Gateway:Tracks:Canary:Hosts"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["GATEWAY_CONFIG_FILE"] = "/etc/gateway/config/gateway.json",
        });

        Assert.Null(UnknownSettings.Validate(configuration));
    }

    [Fact]
    public void Validate_EnvironmentVariableSpelling_NamesTheKeyWithColons()
    {
        // A prefix of its own, so no other test's configuration sees these variables.
        var prefix = $"GWTEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Gateway__Canary__Weight", "25");
        Environment.SetEnvironmentVariable(prefix + "Gateway__Tracks__Canary__Destinations__0", "http://127.0.0.5:8080");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            Assert.Null(UnknownSettings.Validate(configuration));

            Environment.SetEnvironmentVariable(prefix + "Gateway__Canary__Wieght", "25");
            configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            Assert.Equal("Gateway:Canary:Wieght is not a known setting (misspelt, or in the wrong section?).", UnknownSettings.Validate(configuration));
        }
        finally
        {
            foreach (var name in new[] { "Gateway__Canary__Weight", "Gateway__Tracks__Canary__Destinations__0", "Gateway__Canary__Wieght" })
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Theory]
    [InlineData("Gateway:Canary:Wieght", "Gateway:Canary:Wieght")]
    [InlineData("Gateway:Metrics:Enabled", "Gateway:Metrics")]
    [InlineData("Gateway:Weight", "Gateway:Weight")]
    [InlineData("Gateway:Tracks:Stable:Destination:0", "Gateway:Tracks:Stable:Destination")]
    [InlineData("Gateway:Tracks:Canary:Host", "Gateway:Tracks:Canary:Host")]
    [InlineData("Gateway:Tracks:Preview:Service", "Gateway:Tracks:Preview")]
    [InlineData("Gateway:Tls:Certificates:0:Host:0", "Gateway:Tls:Certificates:0:Host")]
    [InlineData("Gateway:Kubernetes:Namspace", "Gateway:Kubernetes:Namspace")]
    [InlineData("Gateway:Canary:Weight:0", "Gateway:Canary:Weight:0")]
    [InlineData("Gateway:Listen:Http:Port", "Gateway:Listen:Http:Port")]
    [InlineData("Gateway:Shutdown:DrainPeriod:Seconds", "Gateway:Shutdown:DrainPeriod:Seconds")]
    [InlineData("Gateway:Tls:Enabled", "Gateway:Tls:Enabled")] // read-only: a value would be ignored
    [InlineData("Gateway:Tracks:StableHosts:0", "Gateway:Tracks:StableHosts")] // read-only, computed
    public void Validate_UnknownKey_NamesTheFullKey(string key, string expected)
    {
        var values = new Dictionary<string, string?>(EveryKey) { [key] = "x" };

        Assert.Equal($"{expected} is not a known setting (misspelt, or in the wrong section?).", UnknownSettings.Validate(Build(values)));
    }

    [Fact]
    public void Validate_NewSection_AcceptedOnceRegisteredWithOneLine()
    {
        var configuration = Build(new() { ["Gateway:Sample:Interval"] = "00:00:02" });

        Assert.Equal("Gateway:Sample is not a known setting (misspelt, or in the wrong section?).", UnknownSettings.Validate(configuration));
        Assert.Null(UnknownSettings.Validate(configuration, [.. GatewaySections.All, ("Gateway:Sample", typeof(SampleOptions))]));
    }

    [Fact]
    public void Validate_ShippedConfigMap_Accepted()
    {
        var map = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(RepoPaths.Combine("k8s", "gateway", "canary-gateway-config.yaml")));
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(map.Data["gateway.json"]));

        Assert.Null(UnknownSettings.Validate(new ConfigurationBuilder().AddJsonStream(json).Build()));
    }

    [Fact]
    public void Validate_ShippedAppSettings_Accepted()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        Assert.Null(UnknownSettings.Validate(configuration));
    }

    [Fact]
    public void Sections_EveryOptionsClassOfTheGateway_IsRegistered()
    {
        // Options classes say where they bind with a SectionName constant; one under Gateway that is not registered
        // would have all its keys rejected as unknown.
        var bound = typeof(UnknownSettings).Assembly.GetTypes()
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null && (t.Section == GatewaySections.Root || t.Section.StartsWith(GatewaySections.Root + ":", StringComparison.Ordinal)));

        Assert.All(bound, t => Assert.True(GatewaySections.All.Contains((t.Section!, t.Type)),
            $"{t.Type.Name} binds {t.Section}: register it in its feature's AddXxx with services.AddGatewaySettings<{t.Type.Name}>(…) (see src/Gateway/Configuration/)."));
    }

    private static IConfiguration Build(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>Stands in for the options class of a feature still to come.</summary>
    private sealed class SampleOptions
    {
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
    }
}
