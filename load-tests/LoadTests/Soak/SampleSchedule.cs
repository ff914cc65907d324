using System.Globalization;

namespace LoadTests.Soak;

/// <summary>
/// When a soak samples: minutes into the run (default 2, 5, 10, 15, 20 of a 20-minute soak). A shorter run keeps
/// the proportions: every minute is scaled by duration / last minute, so the last sample still falls at the end (a
/// 2-minute run with the default list samples at 12, 30, 60, 90 and 120 s). A run as long as the list or longer
/// samples at the minutes as given.
/// </summary>
internal sealed record SampleSchedule(IReadOnlyList<double> Minutes, IReadOnlyList<TimeSpan> Offsets)
{
    public const string DefaultMinutes = "2,5,10,15,20";

    /// <summary>Whether the offsets differ from the minutes (the run is shorter than the list's last minute).</summary>
    public bool Scaled => Offsets.Count > 0 && Offsets[^1] < TimeSpan.FromMinutes(Minutes[^1]);

    /// <summary>
    /// Parses <paramref name="minutes"/> (positive numbers separated by commas or spaces, strictly increasing) and
    /// fits them to <paramref name="duration"/>; null and an error message when they are not usable.
    /// </summary>
    public static SampleSchedule? Create(string minutes, TimeSpan duration, out string? error)
    {
        error = null;
        var parsed = new List<double>();
        foreach (var part in minutes.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var minute) || !double.IsFinite(minute) || minute <= 0)
            {
                error = $"sample minutes: '{part}' is not a positive number";
                return null;
            }

            if (parsed.Count > 0 && minute <= parsed[^1])
            {
                error = $"sample minutes must increase: {part} after {parsed[^1].ToString(CultureInfo.InvariantCulture)}";
                return null;
            }

            parsed.Add(minute);
        }

        if (parsed.Count == 0)
        {
            error = "sample minutes: none given";
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            error = "the run's duration must be positive";
            return null;
        }

        var factor = Math.Min(1, duration.TotalMinutes / parsed[^1]);
        var offsets = parsed.Select(minute => TimeSpan.FromSeconds(Math.Round(minute * 60 * factor, 3))).ToArray();
        return new SampleSchedule(parsed, offsets);
    }
}
