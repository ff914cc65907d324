using System.Diagnostics;
using Gateway.Tracks;

namespace Gateway.Canary;

/// <summary>
/// Everything the per-request decision needs, precomputed once per configuration or endpoint change so the hot path
/// only compares spans and integers. Immutable: a change builds a new instance that is swapped in atomically.
/// </summary>
internal sealed class CanaryRules
{
    /// <summary>Buckets are 0–9999: a weight with two decimals maps exactly onto them.</summary>
    public const int BucketCount = 10_000;

    private CanaryRules(CanarySettings settings, string[] canaryHosts, string[] stableHosts, double effectiveWeight, IWeightSource source, StickyCookieHeaders stickyCookieHeaders)
    {
        Settings = settings;
        CanaryHosts = canaryHosts;
        StableHosts = stableHosts;
        EffectiveWeight = effectiveWeight;
        WeightSource = source.Source;
        WeightSourceName = source.Name;
        CanaryThreshold = (int)Math.Round(effectiveWeight * 100, MidpointRounding.AwayFromZero);
        ForceHeader = settings.AllowForcing && settings.Header.Length > 0 ? settings.Header : null;
        ForceCookie = settings.AllowForcing && settings.Cookie.Length > 0 ? settings.Cookie : null;
        TrackHeader = settings.TrackHeader.Length > 0 ? settings.TrackHeader : null;
        StickyCookie = settings.StickyCookie;
        StickyCookieHeaders = stickyCookieHeaders;
    }

    public CanarySettings Settings { get; }

    /// <summary>Normalised (lower-case, no trailing dot) hosts pinned to canary.</summary>
    public string[] CanaryHosts { get; }

    /// <summary>Normalised hosts pinned to stable.</summary>
    public string[] StableHosts { get; }

    /// <summary>The weight in effect, 0–100.</summary>
    public double EffectiveWeight { get; }

    public WeightSource WeightSource { get; }

    /// <summary>The source's name in <c>/status</c>.</summary>
    public string WeightSourceName { get; }

    /// <summary>A request goes to canary iff its bucket is below this (weight × 100).</summary>
    public int CanaryThreshold { get; }

    /// <summary>The force header, or null when forcing by header is off.</summary>
    public string? ForceHeader { get; }

    /// <summary>The force cookie, or null when forcing by cookie is off.</summary>
    public string? ForceCookie { get; }

    /// <summary>The response header naming the track, or null when disabled.</summary>
    public string? TrackHeader { get; }

    public string StickyCookie { get; }

    /// <summary>The Set-Cookie values of the sticky cookie, per bucket.</summary>
    public StickyCookieHeaders StickyCookieHeaders { get; }

    /// <summary>
    /// Builds the rules for <paramref name="settings"/> with the current counts of ready endpoints, sending the bucket
    /// cookie values of <paramref name="stickyCookieHeaders"/> (built for the settings' cookie name and Max-Age; the
    /// provider passes the previous rules' to keep the values already formatted). Omitted: new ones, Secure over HTTPS.
    /// The weight comes from the first of <paramref name="weightSources"/> (default <see cref="WeightSources.Ordered"/>) that has one.
    /// </summary>
    public static CanaryRules Create(
        CanarySettings settings,
        IReadOnlyCollection<string> canaryHosts,
        IReadOnlyCollection<string> stableHosts,
        int stableReady,
        int canaryReady,
        StickyCookieHeaders? stickyCookieHeaders = null,
        IReadOnlyList<IWeightSource>? weightSources = null)
    {
        var (weight, source) = WeightSources.Resolve(weightSources ?? WeightSources.Ordered, settings, stableReady, canaryReady);
        stickyCookieHeaders ??= new StickyCookieHeaders(settings.StickyCookie, settings.StickyMaxAge, secureOverHttps: true);
        Debug.Assert(stickyCookieHeaders.Matches(settings.StickyCookie, settings.StickyMaxAge), "Cookie values built for other settings.");
        return new CanaryRules(settings, Normalise(canaryHosts), Normalise(stableHosts), weight, source, stickyCookieHeaders);
    }

    /// <summary>Whether <paramref name="bucket"/> falls in the canary share.</summary>
    public Track TrackOf(int bucket) => bucket < CanaryThreshold ? Track.Canary : Track.Stable;

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
