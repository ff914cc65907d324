using System.Globalization;

namespace Gateway.Canary;

/// <summary>
/// Everything the per-request decision needs, precomputed once per configuration or endpoint change so the hot path
/// only compares spans and integers. Immutable: a change builds a new instance that is swapped in atomically.
/// </summary>
internal sealed class CanaryRules
{
    /// <summary>Buckets are 0–9999: a weight with two decimals maps exactly onto them.</summary>
    public const int BucketCount = 10_000;

    private CanaryRules(CanarySettings settings, string[] canaryHosts, string[] stableHosts, double effectiveWeight, WeightSource source)
    {
        Settings = settings;
        CanaryHosts = canaryHosts;
        StableHosts = stableHosts;
        EffectiveWeight = effectiveWeight;
        WeightSource = source;
        CanaryThreshold = (int)Math.Round(effectiveWeight * 100, MidpointRounding.AwayFromZero);
        ForceHeader = settings.AllowForcing && settings.Header.Length > 0 ? settings.Header : null;
        ForceCookie = settings.AllowForcing && settings.Cookie.Length > 0 ? settings.Cookie : null;
        TrackHeader = settings.TrackHeader.Length > 0 ? settings.TrackHeader : null;
        StickyCookie = settings.StickyCookie;
        StickyCookiePrefix = settings.StickyCookie + "=";
        var maxAge = ((long)settings.StickyMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        StickyCookieSuffix = $"; Max-Age={maxAge}; Path=/; SameSite=Lax; HttpOnly";
        SecureStickyCookieSuffix = StickyCookieSuffix + "; Secure";
    }

    public CanarySettings Settings { get; }

    /// <summary>Normalised (lower-case, no trailing dot) hosts pinned to canary.</summary>
    public string[] CanaryHosts { get; }

    /// <summary>Normalised hosts pinned to stable.</summary>
    public string[] StableHosts { get; }

    /// <summary>The weight in effect, 0–100.</summary>
    public double EffectiveWeight { get; }

    public WeightSource WeightSource { get; }

    /// <summary>A request goes to canary iff its bucket is below this (weight × 100).</summary>
    public int CanaryThreshold { get; }

    /// <summary>The force header, or null when forcing by header is off.</summary>
    public string? ForceHeader { get; }

    /// <summary>The force cookie, or null when forcing by cookie is off.</summary>
    public string? ForceCookie { get; }

    /// <summary>The response header naming the track, or null when disabled.</summary>
    public string? TrackHeader { get; }

    public string StickyCookie { get; }

    public string StickyCookiePrefix { get; }

    public string StickyCookieSuffix { get; }

    public string SecureStickyCookieSuffix { get; }

    /// <summary>Builds the rules for <paramref name="settings"/> with the current counts of ready endpoints.</summary>
    public static CanaryRules Create(CanarySettings settings, IReadOnlyCollection<string> canaryHosts, IReadOnlyCollection<string> stableHosts, int stableReady, int canaryReady)
    {
        var (weight, source) = settings.Weight is { } configured
            ? (configured, WeightSource.Configured)
            : (stableReady + canaryReady == 0 ? 0d : 100d * canaryReady / (stableReady + canaryReady), WeightSource.Proportional);
        return new CanaryRules(settings, Normalise(canaryHosts), Normalise(stableHosts), weight, source);
    }

    /// <summary>Whether <paramref name="bucket"/> falls in the canary share.</summary>
    public Track TrackOf(int bucket) => bucket < CanaryThreshold ? Track.Canary : Track.Stable;

    /// <summary>The Set-Cookie value for a new bucket: the one string allocated on the hot path, and only for new users.</summary>
    public string FormatStickyCookie(int bucket, bool secure)
    {
        var suffix = secure ? SecureStickyCookieSuffix : StickyCookieSuffix;
        Span<char> digits = stackalloc char[4];
        bucket.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        return string.Concat(StickyCookiePrefix, digits[..written], suffix);
    }

    private static string[] Normalise(IReadOnlyCollection<string> hosts)
    {
        var result = new List<string>(hosts.Count);
        foreach (var host in hosts)
        {
            var normalised = HostMatcher.Normalise(host).ToString().ToLowerInvariant();
            if (normalised.Length > 0 && !result.Contains(normalised))
            {
                result.Add(normalised);
            }
        }

        return [.. result];
    }
}
