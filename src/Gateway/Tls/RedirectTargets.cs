using System.Globalization;
using Gateway.Configuration;

namespace Gateway.Tls;

/// <summary>
/// Where a plain-HTTP request is redirected. The Host header is the client's to choose, so it is echoed only when the
/// gateway serves that host — a pinned host of either track, a name of one of its certificates (<c>*.foo.bar</c>
/// covering one label), or one of <c>Gateway:Tls:RedirectHosts</c>. Any other host, IP literals included, goes to the
/// canonical host: the first of <c>RedirectHosts</c>, else the default certificate's first DNS name. Built once per
/// certificate load; <see cref="For"/> is a dictionary lookup that allocates only for a wildcard match.
/// </summary>
internal sealed class RedirectTargets
{
    private readonly Dictionary<string, HostString>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _wildcard;

    private RedirectTargets(HostString canonical, Dictionary<string, HostString> exact, Dictionary<string, string> wildcard)
    {
        Canonical = canonical;
        _exact = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcard = wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The target for hosts the gateway does not serve (with the HTTPS port when it is not 443).</summary>
    public HostString Canonical { get; }

    /// <exception cref="GatewayConfigurationException">No canonical host: no <c>RedirectHosts</c>, and a default certificate without a DNS name.</exception>
    public static RedirectTargets Create(TlsOptions options, IEnumerable<string> pinnedHosts, CertificateSet certificates)
    {
        var port = options.HttpsPort == 443 ? "" : ":" + options.HttpsPort.ToString(CultureInfo.InvariantCulture);
        var exact = new Dictionary<string, HostString>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in options.RedirectHosts.Concat(pinnedHosts).Concat(options.Certificates.SelectMany(c => c.Hosts)).Concat(certificates.All.SelectMany(c => c.DnsNames)))
        {
            var host = name.Trim().TrimEnd('.').ToLowerInvariant();
            if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                if (IsDnsName(host[2..]))
                {
                    wildcard.TryAdd(host[2..], "." + host[2..] + port);
                }
            }
            else if (IsDnsName(host))
            {
                exact.TryAdd(host, new HostString(host + port));
            }
        }

        var canonical = options.RedirectHosts.Find(h => !string.IsNullOrWhiteSpace(h))?.Trim().TrimEnd('.').ToLowerInvariant()
            ?? certificates.Default.DnsNames.Select(n => n.TrimEnd('.').ToLowerInvariant()).FirstOrDefault(IsDnsName);
        if (canonical is null)
        {
            const string Prefix = TlsOptions.SectionName + ":";
            throw new GatewayConfigurationException(
                $"{Prefix}RedirectHttp needs a host to send requests for unknown hosts to, and the certificate {certificates.Default.Source} has no DNS name: "
                + $"set {Prefix}RedirectHosts, use a certificate with a DNS name, or set {Prefix}RedirectHttp=false.");
        }

        return new RedirectTargets(new HostString(canonical + port), exact, wildcard);
    }

    /// <summary>The host (and HTTPS port) to redirect a request with this Host header to.</summary>
    public HostString For(HostString requestHost)
    {
        var host = requestHost.Value.AsSpan().Trim();
        if (host.IsEmpty || host[0] == '[')
        {
            // No Host (HTTP/1.0) or an IPv6 literal.
            return Canonical;
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        if (host.Length > 1 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (_exact.TryGetValue(host, out var target))
        {
            return target;
        }

        // "*.foo.bar" covers "canary.foo.bar", not "foo.bar" or "a.canary.foo.bar" (RFC 6125); the label is echoed,
        // so it must be a plain LDH label.
        var dot = host.IndexOf('.');
        if (dot <= 0 || !IsLabel(host[..dot]) || !_wildcard.TryGetValue(host[(dot + 1)..], out var domain))
        {
            return Canonical;
        }

        // At most 63 + 1 + 253 + 6 characters.
        Span<char> buffer = stackalloc char[dot + domain.Length];
        host[..dot].ToLowerInvariant(buffer);
        domain.CopyTo(buffer[dot..]);
        return new HostString(new string(buffer));
    }

    /// <summary>A DNS name that is not an IP literal (a numeric last label is an IPv4 address in some form).</summary>
    public static bool IsDnsName(string host)
    {
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return false;
        }

        var last = host.AsSpan(host.LastIndexOf('.') + 1);
        return !last.IsEmpty && last.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
