using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>How a feature registers its settings section and validator.</summary>
internal static class GatewaySettingsExtensions
{
    /// <summary>The registry of sections and validators held by <paramref name="services"/>, added on first use.</summary>
    public static GatewaySettings GetGatewaySettings(this IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(GatewaySettings) && descriptor.ImplementationInstance is GatewaySettings existing)
            {
                return existing;
            }
        }

        var settings = new GatewaySettings();
        services.AddSingleton(settings);
        return settings;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, registers the section for the unknown-key
    /// check and, when given, the validator that startup (and a reload of the section) runs.
    /// </summary>
    /// <remarks>
    /// Not <c>ValidateOnStart</c>: that instantiates an <c>IOptionsMonitor</c> whose reload callback re-validates and
    /// throws on the configuration's reload thread.
    /// </remarks>
    internal static OptionsBuilder<TOptions> AddGatewaySettings<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        Func<IConfiguration, IValidateOptions<TOptions>>? validator = null)
        where TOptions : class, new()
    {
        var settings = services.GetGatewaySettings();
        settings.AddSection(section, typeof(TOptions));
        if (validator is not null)
        {
            settings.AddValidator(new OptionsSettingsValidator<TOptions>(section, validator));
        }

        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section));
    }

    /// <summary>Adds a check that does not fit one options class (e.g. that certificate files load).</summary>
    internal static IServiceCollection AddSettingsValidator(this IServiceCollection services, ISettingsValidator validator)
    {
        services.GetGatewaySettings().AddValidator(validator);
        return services;
    }
}
