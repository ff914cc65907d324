using System.Globalization;

namespace KubeApp.Faults;

/// <summary>Reads and checks <see cref="FaultInjectionOptions"/>; a bad value names its variable and stops startup.</summary>
internal static class FaultInjectionSettings
{
    /// <exception cref="KubeAppConfigurationException">A variable is set to a value outside its range, or not a number.</exception>
    public static FaultInjectionOptions Read(IConfiguration configuration)
    {
        var rate = configuration[FaultInjectionOptions.FailureRateKey];
        var latency = configuration[FaultInjectionOptions.ExtraLatencyKey];
        if (string.IsNullOrEmpty(rate) && string.IsNullOrEmpty(latency))
        {
            return FaultInjectionOptions.None;
        }

        return new FaultInjectionOptions
        {
            FailureRate = ReadRate(rate),
            ExtraLatency = ReadLatency(latency),
        };
    }

    private static double ReadRate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        // Invariant, no sign, no thousands separators: "-0.1" and "0,2" are mistakes to report, not values to guess at.
        // The range check also refuses what parsing takes whatever the styles: NaN and the infinities.
        if (!double.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
            || !(rate >= 0 && rate <= 1))
        {
            throw Invalid(FaultInjectionOptions.FailureRateKey, "a fraction from 0 to 1, such as 0.2", value);
        }

        return rate;
    }

    private static TimeSpan ReadLatency(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return TimeSpan.Zero;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var milliseconds))
        {
            throw Invalid(FaultInjectionOptions.ExtraLatencyKey, "a whole number of milliseconds, 0 or more, such as 250", value);
        }

        return TimeSpan.FromMilliseconds(milliseconds);
    }

    private static KubeAppConfigurationException Invalid(string key, string expected, string value) =>
        new($"{key} must be {expected}; got '{value.ReplaceLineEndings(" ")}'.");
}
