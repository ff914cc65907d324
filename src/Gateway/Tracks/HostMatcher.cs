namespace Gateway.Tracks;

/// <summary>Host comparison for pinned hosts: case-insensitive, ignoring the port and a trailing dot, without allocating.</summary>
internal static class HostMatcher
{
    /// <summary>The host part of a Host header value: no port, no trailing dot, no surrounding whitespace.</summary>
    public static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length > 0 && value[0] == '[')
        {
            // IPv6 literal: "[::1]:8080" → "[::1]".
            var close = value.IndexOf(']');
            return close < 0 ? value : value[..(close + 1)];
        }

        var colon = value.IndexOf(':');
        if (colon >= 0 && value[(colon + 1)..].IndexOf(':') < 0)
        {
            value = value[..colon];
        }

        // "foo.bar." is the fully qualified form of "foo.bar" and names the same host.
        return value.Length > 1 && value[^1] == '.' ? value[..^1] : value;
    }

    /// <summary>Whether the (already normalised) <paramref name="host"/> is one of <paramref name="candidates"/>.</summary>
    public static bool IsOneOf(ReadOnlySpan<char> host, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (host.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
