using Microsoft.Extensions.Options;

namespace Gateway.Resilience;

/// <summary>Validates <see cref="ShutdownOptions"/>; a failure names the keys and the bad values.</summary>
internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.DrainPeriod < TimeSpan.Zero || options.Timeout < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{ShutdownOptions.SectionName}:DrainPeriod and Timeout must not be negative, got '{options.DrainPeriod}' and '{options.Timeout}'.")
            : ValidateOptionsResult.Success;
}
