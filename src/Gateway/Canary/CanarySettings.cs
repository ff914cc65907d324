namespace Gateway.Canary;

/// <summary>An immutable, validated copy of <see cref="CanaryOptions"/>; value equality tells whether a reload changed anything.</summary>
internal sealed record CanarySettings
{
    public double? Weight { get; init; }

    public string Header { get; init; } = "";

    public string Cookie { get; init; } = "";

    public string StickyCookie { get; init; } = "";

    public TimeSpan StickyMaxAge { get; init; }

    public string TrackHeader { get; init; } = "";

    public bool AllowForcing { get; init; }

    public static CanarySettings From(CanaryOptions options) => new()
    {
        Weight = options.Weight,
        Header = options.Header ?? "",
        Cookie = options.Cookie ?? "",
        StickyCookie = options.StickyCookie ?? "",
        StickyMaxAge = options.StickyMaxAge,
        TrackHeader = options.TrackHeader ?? "",
        AllowForcing = options.AllowForcing,
    };
}
