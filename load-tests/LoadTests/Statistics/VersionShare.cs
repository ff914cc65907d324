namespace LoadTests.Statistics;

/// <summary>A version's part of a total (requests or users).</summary>
internal sealed record VersionShare(string Version, long Count, double Percent)
{
    /// <summary>Shares of <paramref name="counts"/>, largest first (ties by version); empty when the total is 0.</summary>
    public static IReadOnlyList<VersionShare> Of(IReadOnlyDictionary<string, long> counts)
    {
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return [];
        }

        return counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new VersionShare(kv.Key, kv.Value, 100.0 * kv.Value / total))
            .ToArray();
    }

    /// <summary>The share of <paramref name="version"/> in percent of <paramref name="counts"/>; 0 when there is none.</summary>
    public static double PercentOf(IReadOnlyDictionary<string, long> counts, string version)
    {
        var total = counts.Values.Sum();
        return total == 0 ? 0 : 100.0 * counts.GetValueOrDefault(version) / total;
    }
}
