using System.Globalization;
using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Canary;

/// <summary>Validates <see cref="CanaryOptions"/>; each failure names the configuration key and the bad value.</summary>
internal sealed class CanaryOptionsValidator : IValidateOptions<CanaryOptions>
{
    private const string Prefix = CanaryOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, CanaryOptions options)
    {
        if (options.Weight is { } weight && (double.IsNaN(weight) || weight < 0 || weight > 100))
        {
            return Fail("Weight", $"must be a percentage between 0 and 100, got '{weight.ToString(CultureInfo.InvariantCulture)}'");
        }

        if (options.Header.Length > 0 && !HttpToken.IsValid(options.Header))
        {
            return Fail("Header", $"must be a valid HTTP header name (or empty to disable), got '{options.Header}'");
        }

        if (options.TrackHeader.Length > 0 && !HttpToken.IsValid(options.TrackHeader))
        {
            return Fail("TrackHeader", $"must be a valid HTTP header name (or empty to disable), got '{options.TrackHeader}'");
        }

        if (options.Cookie.Length > 0 && !HttpToken.IsValid(options.Cookie))
        {
            return Fail("Cookie", $"must be a valid cookie name (or empty to disable), got '{options.Cookie}'");
        }

        if (!HttpToken.IsValid(options.StickyCookie))
        {
            return Fail("StickyCookie", $"must be a valid cookie name, got '{options.StickyCookie}'");
        }

        if (string.Equals(options.StickyCookie, options.Cookie, StringComparison.Ordinal))
        {
            return Fail("StickyCookie", $"must differ from {Prefix}Cookie, both are '{options.Cookie}'");
        }

        if (options.StickyMaxAge <= TimeSpan.Zero)
        {
            return Fail("StickyMaxAge", $"must be a positive duration such as 7.00:00:00, got '{options.StickyMaxAge}'");
        }

        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Fail(string key, string problem) => ValidateOptionsResult.Fail($"{Prefix}{key} {problem}.");
}
