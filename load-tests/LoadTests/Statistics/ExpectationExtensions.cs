namespace LoadTests.Statistics;

/// <summary>Checks an answer's version against a group's <see cref="Expectation"/>.</summary>
internal static class ExpectationExtensions
{
    /// <summary>Whether a user with this expectation may see <paramref name="version"/>.</summary>
    public static bool Allows(this Expectation expectation, string version, string canaryVersion) => expectation switch
    {
        Expectation.Canary => string.Equals(version, canaryVersion, StringComparison.Ordinal),
        Expectation.Stable => !string.Equals(version, canaryVersion, StringComparison.Ordinal),
        _ => true,
    };

    public static string Describe(this Expectation expectation) => expectation switch
    {
        Expectation.Canary => "canary only",
        Expectation.Stable => "stable only",
        _ => "split",
    };
}
