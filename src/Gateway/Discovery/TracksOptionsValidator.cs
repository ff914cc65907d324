using Gateway.Tracks;
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
            ?? ValidateHosts("Canary", options.Canary.Hosts)
            ?? ValidateNoHostOnBothTracks(options);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }

    private static string? ValidateTrack(string track, SingleTrackOptions options, DiscoveryMode mode, string service)
    {
        var key = $"{TracksOptions.SectionName}:{track}";
        if (!string.IsNullOrWhiteSpace(options.Deployment) && !KubernetesNames.IsDns1123Subdomain(options.Deployment))
        {
            return $"{key}:Deployment must be a Kubernetes Deployment name (lower-case letters, digits, '-' and '.'), got '{options.Deployment}'.";
        }

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

    private static string? ValidateNoHostOnBothTracks(TracksOptions options)
    {
        var stableKey = $"{TracksOptions.SectionName}:Stable:Hosts";
        var canaryKey = $"{TracksOptions.SectionName}:Canary:Hosts";
        var stable = options.Stable.Hosts ?? [];
        var canary = options.Canary.Hosts ?? [TracksOptions.DefaultCanaryHost];
        for (var s = 0; s < stable.Count; s++)
        {
            // Compared as requests are matched (HostMatcher): case-insensitive, without a trailing dot.
            var host = HostMatcher.Normalise(stable[s]);
            for (var c = 0; c < canary.Count && !host.IsEmpty; c++)
            {
                if (host.Equals(HostMatcher.Normalise(canary[c]), StringComparison.OrdinalIgnoreCase))
                {
                    var canaryName = options.Canary.Hosts is null ? $"{canaryKey} (default)" : $"{canaryKey}:{c}";
                    return $"{stableKey}:{s} '{stable[s]}' and {canaryName} '{canary[c]}' name the same host; pin it to one track only.";
                }
            }
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
