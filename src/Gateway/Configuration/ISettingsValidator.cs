namespace Gateway.Configuration;

/// <summary>
/// Checks one feature's settings. A feature registers its own (<see cref="GatewaySettingsExtensions.AddGatewaySettings{TOptions}"/>),
/// as YARP enumerates every <c>IClusterValidator</c>; startup runs all of them before the host is built, and a reload
/// of a live section runs that section's again.
/// </summary>
internal interface ISettingsValidator
{
    /// <summary>The section the validator checks, e.g. <c>Gateway:Canary</c>.</summary>
    string Section { get; }

    /// <summary>One line naming the bad key and value, or null when the settings are valid.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted (the binder's message names the key).</exception>
    /// <exception cref="GatewayConfigurationException">A referenced file is missing or unusable.</exception>
    string? Validate(IConfiguration configuration);
}
