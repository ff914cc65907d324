using System.Globalization;
using System.Net;

namespace Gateway.Hosting;

/// <summary>A parsed listening URL: <c>http://*:8080</c>, <c>http://127.0.0.1:0</c>, <c>https://localhost:8443</c>, <c>http://[::1]:9090</c>.</summary>
internal sealed record ListenAddress(string Scheme, string Host, IPAddress? Address, int Port)
{
    /// <summary>Any interface (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>).</summary>
    public bool IsAny => Host is "*" or "+" || (Address is not null && (Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any)));

    /// <summary>The loopback name <c>localhost</c>.</summary>
    public bool IsLocalhost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="value"/>, or explains in <paramref name="error"/> what is wrong.</summary>
    public static bool TryParse(string value, string expectedScheme, out ListenAddress? address, out string? error)
    {
        address = null;
        error = null;
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !string.Equals(value[..schemeEnd], expectedScheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"must be a {expectedScheme}:// URL such as {expectedScheme}://*:8080";
            return false;
        }

        var authority = value[(schemeEnd + 3)..].TrimEnd('/');
        var portSeparator = authority.LastIndexOf(':');
        if (portSeparator <= 0 || authority.EndsWith(']') || !int.TryParse(authority[(portSeparator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = "must name a port between 0 and 65535, as in http://*:8080";
            return false;
        }

        var host = authority[..portSeparator];
        IPAddress? ip = null;
        if (host is not ("*" or "+") && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            && !IPAddress.TryParse(host.Trim('[', ']'), out ip))
        {
            error = $"host must be *, localhost or an IP address, got '{host}'";
            return false;
        }

        address = new ListenAddress(expectedScheme, host, ip, port);
        return true;
    }
}
