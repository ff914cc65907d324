using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

/// <summary>Validates <see cref="TelemetryOptions"/>; a failure names the key and the bad value.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        // Written so that NaN fails too; OpenTelemetry's sampler would throw on it deep inside host startup.
        if (!(options.TraceSampleRatio is >= 0 and <= 1))
        {
            return ValidateOptionsResult.Fail(
                $"{TelemetryOptions.SectionName}:TraceSampleRatio must be between 0 and 1, got '{options.TraceSampleRatio.ToString(CultureInfo.InvariantCulture)}'.");
        }

        return ValidateOptionsResult.Success;
    }
}
