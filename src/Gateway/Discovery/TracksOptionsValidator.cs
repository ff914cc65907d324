using Microsoft.Extensions.Options;

namespace Gateway.Discovery;

/// <summary>Validates <see cref="TracksOptions"/> for the configured discovery mode; failures name the key and the value.</summary>
internal sealed class TracksOptionsValidator(IOptions<DiscoveryOptions> discovery) : IValidateOptions<TracksOptions>
{
    public ValidateOptionsResult Validate(string? name, TracksOptions options)
    {
        var mode = discovery.Value.Discovery;
        var error = ValidateTrack("Stable", options.Stable, mode, options.StableService)
            ?? ValidateTrack("Canary", options.Canary, mode, options.CanaryService)
            ?? ValidateHosts("Stable", options.Stable.Hosts)
            ?? ValidateHosts("Canary", options.Canary.Hosts);
        if (error is null)
        {
            foreach (var host in options.StableHosts)
            {
                if (options.CanaryHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
                {
                    error = $"{TracksOptions.SectionName}:Stable:Hosts names '{host}', which is also pinned to canary.";
                }
            }
        }

        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }

    private static string? ValidateTrack(string track, TrackOptions options, DiscoveryMode mode, string service)
    {
        var key = $"{TracksOptions.SectionName}:{track}";
        if (mode == DiscoveryMode.Static)
        {
            if (options.Destinations.Count == 0)
            {
                return $"{key}:Destinations must list at least one URL such as http://127.0.0.2:8080 in Static discovery mode (Gateway:Discovery).";
            }

            for (var i = 0; i < options.Destinations.Count; i++)
            {
                var value = options.Destinations[i];
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                    || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
                {
                    return $"{key}:Destinations:{i} must be an absolute http:// or https:// URL such as http://127.0.0.2:8080, got '{value}'.";
                }
            }

            return null;
        }

        if (!KubernetesNames.IsDns1035Label(service))
        {
            return $"{key}:Service must be a Kubernetes Service name (lower-case letters, digits and '-', at most 63), got '{service}'.";
        }

        if (options.PortName is { Length: > 0 } port && !KubernetesNames.IsPortName(port))
        {
            return $"{key}:PortName must be a Kubernetes port name (lower-case letters, digits and '-', at most 15), got '{port}'.";
        }

        return null;
    }

    private static string? ValidateHosts(string track, List<string>? hosts)
    {
        for (var i = 0; hosts is not null && i < hosts.Count; i++)
        {
            if (hosts[i].Length > 0 && Uri.CheckHostName(hosts[i].TrimEnd('.')) == UriHostNameType.Unknown)
            {
                return $"{TracksOptions.SectionName}:{track}:Hosts:{i} must be a host name such as canary.foo.bar (no scheme or port), got '{hosts[i]}'.";
            }
        }

        return null;
    }
}
