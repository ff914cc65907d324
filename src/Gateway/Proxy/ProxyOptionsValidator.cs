using Microsoft.Extensions.Options;

namespace Gateway.Proxy;

/// <summary>Validates <see cref="ProxyOptions"/>; a failure names the configuration key and the bad value.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options) =>
        options.ConnectTimeout > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ProxyOptions.SectionName}:ConnectTimeout must be a positive duration such as 00:00:02, got '{options.ConnectTimeout}'.");
}
