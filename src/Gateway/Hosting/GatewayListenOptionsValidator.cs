using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Validates <see cref="GatewayListenOptions"/>: well-formed URLs, and a management port of its own.</summary>
internal sealed class GatewayListenOptionsValidator : IValidateOptions<GatewayListenOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayListenOptions options)
    {
        var ports = new Dictionary<int, string>();
        foreach (var (key, value, scheme) in new[] { ("Http", options.Http, "http"), ("Https", options.Https, "https"), ("Management", options.Management, "http") })
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!ListenAddress.TryParse(value, scheme, out var address, out var error))
            {
                return ValidateOptionsResult.Fail($"{GatewayListenOptions.SectionName}:{key} {error}, got '{value}'.");
            }

            // Management requests are told apart by the local port they arrived on, so it must not be shared.
            if (address!.Port != 0 && !ports.TryAdd(address.Port, key))
            {
                return ValidateOptionsResult.Fail($"{GatewayListenOptions.SectionName}:{key} uses port {address.Port}, already used by {GatewayListenOptions.SectionName}:{ports[address.Port]}.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
