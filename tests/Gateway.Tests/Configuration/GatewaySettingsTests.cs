using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Configuration;

/// <summary>A feature registers its section and validator once; startup and reloads run what was registered.</summary>
public sealed class GatewaySettingsTests
{
    private static IConfiguration Build(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static GatewaySettings Register(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddGatewaySettings<SampleOptions>(configuration, "Gateway:Sample", _ => new SampleValidator());
        services.AddGatewaySettings<OtherOptions>(configuration, "Gateway:Other", _ => new OtherValidator());
        return services.GetGatewaySettings();
    }

    [Fact]
    public void GetGatewaySettings_CalledTwice_OneRegistry()
    {
        var services = new ServiceCollection();

        Assert.Same(services.GetGatewaySettings(), services.GetGatewaySettings());
        Assert.Single(services, d => d.ServiceType == typeof(GatewaySettings));
    }

    [Fact]
    public void Validate_RegisteredValidator_ReportsItsOneLine()
    {
        var configuration = Build(("Gateway:Sample:Count", "-1"));

        Assert.Equal("Gateway:Sample:Count must not be negative, got '-1'.", Register(configuration).Validate(configuration));
    }

    [Fact]
    public void Validate_UnknownKeyAndBadValue_UnknownKeyFirst()
    {
        var configuration = Build(("Gateway:Sample:Count", "-1"), ("Gateway:Sample:Cuont", "1"));

        Assert.Equal("Gateway:Sample:Cuont is not a known setting (misspelt, or in the wrong section?).", Register(configuration).Validate(configuration));
    }

    [Fact]
    public void Validate_ValueThatDoesNotConvert_BinderMessageNamingTheKey()
    {
        var configuration = Build(("Gateway:Sample:Count", "many"));

        Assert.Contains("'Gateway:Sample:Count'", Register(configuration).Validate(configuration), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OneSection_RunsOnlyItsValidators()
    {
        var configuration = Build(("Gateway:Sample:Count", "1"), ("Gateway:Other:Name", ""));
        var settings = Register(configuration);

        Assert.Null(settings.Validate(configuration, "Gateway:Sample"));
        Assert.Equal("Gateway:Other:Name must not be empty.", settings.Validate(configuration));
    }

    [Fact]
    public void ThrowIfInvalid_BadValue_GatewayConfigurationException()
    {
        var configuration = Build(("Gateway:Sample:Count", "-1"));

        var error = Assert.Throws<GatewayConfigurationException>(() => Register(configuration).ThrowIfInvalid(configuration));
        Assert.Equal("Gateway:Sample:Count must not be negative, got '-1'.", error.Message);
    }

    private sealed class SampleOptions
    {
        public int Count { get; set; }
    }

    private sealed class OtherOptions
    {
        public string Name { get; set; } = "x";
    }

    private sealed class SampleValidator : IValidateOptions<SampleOptions>
    {
        public ValidateOptionsResult Validate(string? name, SampleOptions options) =>
            options.Count < 0 ? ValidateOptionsResult.Fail($"Gateway:Sample:Count must not be negative, got '{options.Count}'.") : ValidateOptionsResult.Success;
    }

    private sealed class OtherValidator : IValidateOptions<OtherOptions>
    {
        public ValidateOptionsResult Validate(string? name, OtherOptions options) =>
            options.Name.Length == 0 ? ValidateOptionsResult.Fail("Gateway:Other:Name must not be empty.") : ValidateOptionsResult.Success;
    }
}
