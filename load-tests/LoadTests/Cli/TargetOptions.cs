using System.CommandLine;
using System.Security.Cryptography;
using LoadTests.Http;

namespace LoadTests.Cli;

/// <summary>Where requests go: <c>--url</c>, <c>--host</c>, <c>--resolve</c>, <c>--cacert</c>, <c>--insecure</c>, <c>--timeout</c>.</summary>
internal sealed class TargetOptions
{
    private readonly Option<string> _url = OptionFactory.Create("--url", "http://127.0.0.1:8080/", "URL every request goes to (its path too, e.g. …/version). A LoadBalancer IP, the local app host, or https://foo.bar with --resolve.", "url");
    private readonly Option<string?> _host;
    private readonly Option<string[]> _resolve = new("--resolve")
    {
        Description = "HOST[:PORT]=ADDRESS: connect to ADDRESS for HOST while the URL, Host header and TLS SNI keep HOST (like curl). Repeatable.",
        HelpName = "host=address",
    };

    private readonly Option<string?> _caCert = new("--cacert") { Description = "PEM file of root certificates to trust for HTTPS instead of the system's.", HelpName = "file" };
    private readonly Option<bool> _insecure = OptionFactory.Flag("--insecure", "Accept any server certificate.");
    private readonly Option<TimeSpan> _timeout = OptionFactory.Duration("--timeout", TimeSpan.FromSeconds(10), "Per request, connecting included; a slower answer counts as a 'timeout' error.");
    private readonly Option<string> _canaryVersion = OptionFactory.Create("--canary-version", "2.0", "The version the canary serves (the body's \"Version 2.0\", or /version's \"2.0\").", "version");
    private readonly Option<string> _trackHeader = OptionFactory.Create("--track-header", "X-Canary-Track", "Response header naming the track; an answer whose version disagrees with it is a 'track-mismatch' error.", "name");

    public TargetOptions(string? defaultHost, string hostDescription)
    {
        _host = new Option<string?>("--host") { Description = hostDescription, HelpName = "host", DefaultValueFactory = _ => defaultHost };
    }

    public void AddTo(Command command)
    {
        command.Add(_url);
        command.Add(_host);
        command.Add(_resolve);
        command.Add(_caCert);
        command.Add(_insecure);
        command.Add(_timeout);
        command.Add(_canaryVersion);
        command.Add(_trackHeader);
    }

    public string? Host(ParseResult parse) => parse.GetValue(_host);

    /// <exception cref="UsageException">The URL, a --resolve or the --cacert file is unusable.</exception>
    public TargetSettings Bind(ParseResult parse)
    {
        var urlText = parse.GetValue(_url)!;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--url: '{urlText}' is not an absolute http:// or https:// URL");
        }

        var overrides = new List<ResolveOverride>();
        foreach (var text in parse.GetValue(_resolve) ?? [])
        {
            if (!ResolveOverride.TryParse(text, out var parsed, out var error))
            {
                throw new UsageException($"--resolve: {error}");
            }

            overrides.Add(parsed);
        }

        var target = new TargetSettings
        {
            Url = url,
            Host = parse.GetValue(_host) is { Length: > 0 } host ? host : null,
            Resolve = overrides,
            CaCertificatePath = parse.GetValue(_caCert),
            Insecure = parse.GetValue(_insecure),
            Timeout = parse.GetValue(_timeout) is { } t && t > TimeSpan.Zero ? t : throw new UsageException("--timeout must be positive"),
            CanaryVersion = parse.GetValue(_canaryVersion)!,
            TrackHeader = parse.GetValue(_trackHeader)!,
        };

        try
        {
            // Load the roots now: a bad file is a usage error, not 5,000 TLS errors.
            _ = CertificateTrust.For(target);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new UsageException($"--cacert: {ex.Message}");
        }

        return target;
    }
}
