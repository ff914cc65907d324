using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace LoadTests.Http;

/// <summary>
/// <c>--resolve foo.bar=127.0.0.1</c> (or <c>foo.bar:443=10.0.0.7</c>), like curl's: connections to the host go to the
/// address, while the request URI, the Host header and TLS SNI keep the host name.
/// </summary>
internal sealed record ResolveOverride(string Host, int? Port, IPAddress Address)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out ResolveOverride? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            error = $"'{text}' is not HOST[:PORT]=ADDRESS";
            return false;
        }

        var name = text[..equals].Trim();
        var addressText = text[(equals + 1)..].Trim().Trim('[', ']');
        int? port = null;
        var colon = name.LastIndexOf(':');
        if (colon > 0)
        {
            if (!int.TryParse(name[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = $"'{text}': bad port '{name[(colon + 1)..]}'";
                return false;
            }

            port = p;
            name = name[..colon];
        }

        if (!IPAddress.TryParse(addressText, out var address))
        {
            error = $"'{text}': '{addressText}' is not an IP address";
            return false;
        }

        if (name.Length == 0 || Uri.CheckHostName(name) == UriHostNameType.Unknown)
        {
            error = $"'{text}': '{name}' is not a host name";
            return false;
        }

        result = new ResolveOverride(name.TrimEnd('.'), port, address);
        error = null;
        return true;
    }

    /// <summary>Whether this override applies to a connection to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public bool Matches(string host, int port) =>
        string.Equals(Host, host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) && (Port is null || Port == port);

    /// <summary>The address to connect to instead of resolving <paramref name="host"/>, or null.</summary>
    public static IPAddress? Find(IReadOnlyList<ResolveOverride> overrides, string host, int port)
    {
        foreach (var o in overrides)
        {
            if (o.Matches(host, port))
            {
                return o.Address;
            }
        }

        return null;
    }

    public override string ToString() => Port is { } p ? $"{Host}:{p}={Address}" : $"{Host}={Address}";
}
