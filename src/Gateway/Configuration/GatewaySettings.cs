namespace Gateway.Configuration;

/// <summary>
/// Every section under <c>Gateway</c> with its options class, and every feature's validator, as the features
/// registered them. The keys the gateway accepts are the properties of these classes (with their nested classes and
/// lists), so a new property needs nothing else; any other key under <c>Gateway</c> is rejected as unknown.
/// </summary>
/// <remarks>
/// Kept as an instance in the service collection (as MVC keeps its <c>ApplicationPartManager</c>), so that startup runs
/// it before the host is built: a bad value stops the gateway with one line naming the key instead of a stack trace
/// from deep inside host startup, and no validating <c>IOptionsMonitor</c> throws inside a reload callback.
/// </remarks>
internal sealed class GatewaySettings
{
    /// <summary>The root of the gateway's settings.</summary>
    public const string Root = "Gateway";

    private readonly List<(string Path, Type Options)> _sections = [];
    private readonly List<ISettingsValidator> _validators = [];

    /// <summary>The registered sections and their options classes.</summary>
    public IReadOnlyList<(string Path, Type Options)> Sections => _sections;

    /// <summary>
    /// The first problem in <paramref name="configuration"/>, as one line: an unknown key first (a misspelt key would
    /// otherwise leave its setting at the default and pass every check), then each validator in registration order.
    /// </summary>
    public string? Validate(IConfiguration configuration) => Validate(configuration, section: null);

    /// <summary>As <see cref="Validate(IConfiguration)"/>, running only the validators of <paramref name="section"/> (a live reload).</summary>
    public string? Validate(IConfiguration configuration, string? section)
    {
        if (UnknownKeys.Validate(configuration, _sections) is { } unknown)
        {
            return unknown;
        }

        foreach (var validator in _validators)
        {
            if (section is not null && !string.Equals(validator.Section, section, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                if (validator.Validate(configuration) is { } error)
                {
                    return error;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or GatewayConfigurationException)
            {
                // "Failed to convert configuration value 'abc' at 'Gateway:Canary:Weight' to type ..."
                return ex.Message;
            }
        }

        return null;
    }

    /// <summary>Throws the first problem found by <see cref="Validate(IConfiguration)"/>.</summary>
    /// <exception cref="GatewayConfigurationException">A setting is invalid.</exception>
    public void ThrowIfInvalid(IConfiguration configuration)
    {
        if (Validate(configuration) is { } error)
        {
            throw new GatewayConfigurationException(error);
        }
    }

    /// <summary>Binds a new <typeparamref name="T"/> from <paramref name="section"/>.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted.</exception>
    internal static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> while services are registered, before validation has run: a value that cannot be
    /// converted yields the defaults here and is reported by validation.
    /// </summary>
    internal static T BindOrDefault<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        try
        {
            return Bind<T>(configuration, section);
        }
        catch (InvalidOperationException)
        {
            return new T();
        }
    }

    internal void AddSection(string path, Type options)
    {
        if (!_sections.Contains((path, options)))
        {
            _sections.Add((path, options));
        }
    }

    internal void AddValidator(ISettingsValidator validator) => _validators.Add(validator);
}
