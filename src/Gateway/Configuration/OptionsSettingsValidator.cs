using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Binds <typeparamref name="TOptions"/> from its section and runs an <see cref="IValidateOptions{TOptions}"/> on it.</summary>
/// <param name="section">The section <typeparamref name="TOptions"/> binds to.</param>
/// <param name="create">Creates the validator; it may read other sections it depends on (e.g. the discovery mode).</param>
internal sealed class OptionsSettingsValidator<TOptions>(string section, Func<IConfiguration, IValidateOptions<TOptions>> create) : ISettingsValidator
    where TOptions : class, new()
{
    public string Section => section;

    public string? Validate(IConfiguration configuration)
    {
        var result = create(configuration).Validate(Options.DefaultName, GatewaySettings.Bind<TOptions>(configuration, section));
        return result.Failed ? result.FailureMessage : null;
    }
}
