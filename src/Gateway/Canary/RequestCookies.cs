using Microsoft.Extensions.Primitives;

namespace Gateway.Canary;

/// <summary>
/// Reads the force cookie and the sticky bucket straight from the Cookie header(s) in one pass, without allocating
/// (ASP.NET Core's cookie collection would parse and allocate every cookie of every request).
/// </summary>
internal static class RequestCookies
{
    /// <summary>No valid bucket was sent.</summary>
    public const int NoBucket = -1;

    /// <summary>
    /// Finds the force value and bucket. A bucket is valid when every occurrence of the sticky cookie is 1–4 ASCII
    /// digits and all occurrences agree; anything else (garbage, sign, out of range, conflicting duplicates) is
    /// ignored and the caller draws a new bucket. Conflicting force cookies are ignored likewise.
    /// </summary>
    public static (ForceValue Force, int Bucket) Read(StringValues cookieHeaders, string? forceCookie, string stickyCookie)
    {
        var force = ForceValue.None;
        var forceSeen = false;
        var bucket = NoBucket;
        var bucketInvalid = false;

        for (var i = 0; i < cookieHeaders.Count; i++)
        {
            var rest = cookieHeaders[i].AsSpan();
            while (!rest.IsEmpty)
            {
                var separator = rest.IndexOf(';');
                var pair = separator < 0 ? rest : rest[..separator];
                rest = separator < 0 ? default : rest[(separator + 1)..];

                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                var name = pair[..equals].Trim();
                var value = Unquote(pair[(equals + 1)..].Trim());
                if (name.SequenceEqual(stickyCookie))
                {
                    var parsed = ParseBucket(value);
                    if (parsed == NoBucket || (bucket != NoBucket && bucket != parsed))
                    {
                        bucketInvalid = true;
                    }

                    bucket = parsed;
                }
                else if (forceCookie is not null && name.SequenceEqual(forceCookie))
                {
                    var parsed = ParseForce(value);
                    force = forceSeen && force != parsed ? ForceValue.None : parsed;
                    forceSeen = true;
                }
            }
        }

        return (force, bucketInvalid ? NoBucket : bucket);
    }

    /// <summary><c>always</c> / <c>never</c> (any case, surrounding whitespace ignored); anything else is <see cref="ForceValue.None"/>.</summary>
    public static ForceValue ParseForce(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Equals("always", StringComparison.OrdinalIgnoreCase))
        {
            return ForceValue.Always;
        }

        return value.Equals("never", StringComparison.OrdinalIgnoreCase) ? ForceValue.Never : ForceValue.None;
    }

    /// <summary>1–4 ASCII digits → 0–9999; anything else → <see cref="NoBucket"/>.</summary>
    public static int ParseBucket(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > 4)
        {
            return NoBucket;
        }

        var result = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return NoBucket;
            }

            result = (result * 10) + (c - '0');
        }

        return result;
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
