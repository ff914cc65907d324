using System.Globalization;
using Gateway.Hosting;
using Gateway.Tls;

namespace Gateway.Canary;

/// <summary>
/// The <c>Set-Cookie</c> values of the sticky bucket cookie, one per bucket and scheme, formatted the first time a
/// bucket is sent and reused after that. Every request decided by its bucket re-sends it (a refresh that keeps an
/// active user's cookie alive), so the hot path must not format a string each time.
/// </summary>
/// <remarks>
/// One instance per cookie name and Max-Age: it is kept across endpoint changes and weight reloads and replaced only
/// when either changes. Filled lazily (at most 10,000 strings per scheme, about 1.7 MB when full); two threads that
/// race on an empty slot both store an equal string, which is harmless.
/// </remarks>
internal sealed class StickyCookieHeaders
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string _httpsSuffix;
    private readonly string?[] _http = new string?[CanaryRules.BucketCount];
    private readonly string?[] _https;

    /// <param name="cookieName">The sticky cookie's name.</param>
    /// <param name="maxAge">Its Max-Age, sent in full with every Set-Cookie.</param>
    /// <param name="secureOverHttps">Whether a cookie sent over HTTPS is marked <c>Secure</c> (see <see cref="MarkSecureOverHttps"/>).</param>
    public StickyCookieHeaders(string cookieName, TimeSpan maxAge, bool secureOverHttps)
    {
        CookieName = cookieName;
        MaxAge = maxAge;
        SecureOverHttps = secureOverHttps;
        _prefix = cookieName + "=";
        var seconds = ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _suffix = $"; Max-Age={seconds}; Path=/; SameSite=Lax; HttpOnly";
        _httpsSuffix = secureOverHttps ? _suffix + "; Secure" : _suffix;
        _https = secureOverHttps ? new string?[CanaryRules.BucketCount] : _http;
    }

    public string CookieName { get; }

    public TimeSpan MaxAge { get; }

    public bool SecureOverHttps { get; }

    /// <summary>The Set-Cookie value for <paramref name="bucket"/> on a request that came over HTTPS or not; allocates only the first time.</summary>
    public string For(int bucket, bool https)
    {
        if ((uint)bucket >= CanaryRules.BucketCount)
        {
            // Only a misbehaving IBucketGenerator gets here; format it rather than fail the request.
            return Format(bucket, https);
        }

        var cache = https ? _https : _http;
        var value = Volatile.Read(ref cache[bucket]);
        if (value is null)
        {
            value = Format(bucket, https);
            Volatile.Write(ref cache[bucket], value);
        }

        return value;
    }

    /// <summary>
    /// Whether the bucket cookie is marked <c>Secure</c> when sent over HTTPS: not when the gateway also serves plain
    /// HTTP without redirecting it. Browsers neither send a Secure cookie over HTTP nor let an HTTP response replace
    /// it, so such a user would draw a new bucket on every plain-HTTP request and flip between versions. The bucket is
    /// a public number with no secret in it, so Secure protects nothing there. A Secure cookie set before is replaced
    /// by the refreshed, non-Secure one on the user's next HTTPS request.
    /// </summary>
    public static bool MarkSecureOverHttps(TlsOptions tls, GatewayListenOptions listen) =>
        !(tls.Enabled && !tls.RedirectsHttp && !string.IsNullOrEmpty(listen.Http));

    /// <summary>Whether this instance serves a cookie named <paramref name="cookieName"/> with <paramref name="maxAge"/>.</summary>
    public bool Matches(string cookieName, TimeSpan maxAge) => string.Equals(CookieName, cookieName, StringComparison.Ordinal) && MaxAge == maxAge;

    private string Format(int bucket, bool https)
    {
        Span<char> digits = stackalloc char[11];
        bucket.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        return string.Concat(_prefix, digits[..written], https ? _httpsSuffix : _suffix);
    }
}
