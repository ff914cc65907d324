using System.Net;
using Microsoft.Extensions.Options;

namespace AppHost.Topology;

/// <summary>
/// Checks <see cref="TopologyOptions"/> before any process starts, naming the bad key and value: a typo would
/// otherwise surface as a pod that never becomes healthy, or as two processes fighting over one address.
/// </summary>
internal sealed class TopologyOptionsValidator : IValidateOptions<TopologyOptions>
{
    private const string Prefix = TopologyOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, TopologyOptions options)
    {
        var failures = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);

        ValidatePods(nameof(TopologyOptions.StablePods), options.EffectiveStablePods, failures, owners);
        ValidatePods(nameof(TopologyOptions.CanaryPods), options.EffectiveCanaryPods, failures, owners);
        ValidateUrl(nameof(TopologyOptions.GatewayHttp), options.GatewayHttp, failures, owners);
        ValidateUrl(nameof(TopologyOptions.GatewayManagement), options.GatewayManagement, failures, owners);
        if (!string.IsNullOrEmpty(options.GatewayHttps))
        {
            ValidateUrl(nameof(TopologyOptions.GatewayHttps), options.GatewayHttps, failures, owners, Uri.UriSchemeHttps);
        }
        ValidateVersion(nameof(TopologyOptions.StableVersion), options.StableVersion, failures);
        ValidateVersion(nameof(TopologyOptions.CanaryVersion), options.CanaryVersion, failures);

        if (options.CanaryWeight is { } weight && (weight < 0 || weight > 100))
        {
            failures.Add($"{Prefix}{nameof(TopologyOptions.CanaryWeight)} must be a percentage from 0 to 100, got '{weight}'.");
        }

        if (options.CanaryFailureRate is { } rate && (rate < 0 || rate > 1))
        {
            failures.Add($"{Prefix}{nameof(TopologyOptions.CanaryFailureRate)} must be a fraction from 0 to 1, such as 0.2; got '{rate}'.");
        }

        if (options.CanaryExtraLatency is < 0)
        {
            failures.Add($"{Prefix}{nameof(TopologyOptions.CanaryExtraLatency)} must be milliseconds, 0 or more; got '{options.CanaryExtraLatency}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePods(string key, IReadOnlyList<string> pods, List<string> failures, Dictionary<string, string> owners)
    {
        // The gateway refuses a track without destinations in Static mode; say so here, in the app host's own terms.
        if (pods.Count == 0)
        {
            failures.Add($"{Prefix}{key} must list at least one pod URL.");
        }

        for (var i = 0; i < pods.Count; i++)
        {
            ValidateUrl($"{key}:{i}", pods[i], failures, owners);
        }
    }

    private static void ValidateUrl(string key, string? value, List<string> failures, Dictionary<string, string> owners, string scheme = "http")
    {
        // Pods impersonate pod IPs, so each needs an address of its own on this machine: 127.0.0.0/8 is all local on
        // Linux. Requiring an explicit port and no path keeps the URL identical to what the process binds.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url)
            || url.Scheme != scheme
            || url.HostNameType != UriHostNameType.IPv4
            || !IPAddress.IsLoopback(IPAddress.Parse(url.Host))
            || !HasExplicitPort(value)
            || url.PathAndQuery != "/")
        {
            failures.Add($"{Prefix}{key} must be an {scheme} URL on a 127.0.0.0/8 address with a port, such as {scheme}://127.0.0.2:8080; got '{value}'.");
            return;
        }

        var address = $"{url.Host}:{url.Port}";
        if (owners.TryGetValue(address, out var owner))
        {
            failures.Add($"{Prefix}{key} ('{value}') uses the same address as {Prefix}{owner}; each process needs its own.");
            return;
        }

        owners.Add(address, key);
    }

    // Uri fills in 80 for http when the port is missing; a pod URL without one is almost certainly a mistake.
    private static bool HasExplicitPort(string value) =>
        value.AsSpan(value.IndexOf("://", StringComparison.Ordinal) + 3).IndexOf(':') >= 0;

    private static void ValidateVersion(string key, string? value, List<string> failures)
    {
        // KubeApp echoes the version into its responses and refuses one with spaces; fail here, before it starts.
        if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add($"{Prefix}{key} must be a version without spaces, such as 2.0; got '{value}'.");
        }
    }
}
