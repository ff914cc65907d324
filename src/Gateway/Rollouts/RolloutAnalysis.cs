using System.Globalization;

namespace Gateway.Rollouts;

/// <summary>
/// Judges one interval's traffic (DESIGN.md "Rollouts", README "The gate rule"). The error gate fails only when the
/// canary is worse beyond sampling noise: both one-sided exact tests below reject at <see cref="Significance"/>.
/// <list type="bullet">
/// <item>Against <c>MaxErrorRate</c>: P(X ≥ k) &lt; 1 % for X ~ Binomial(n, MaxErrorRate), the canary's k errors in n requests.</item>
/// <item>Against stable: given the k + k_s errors of both tracks, P(X ≥ k) &lt; 1 % for X ~ Binomial(k + k_s, n / (n + n_s)),
/// the chance that as many of them fall on the canary if both tracks erred alike (the conditional test of two
/// Poisson rates). Skipped while stable had no requests.</item>
/// </list>
/// The latency gates are held to the same confidence: the canary's p99 is above a limit only when more of its
/// requests were slower than the limit than a p99 at the limit would let through by chance.
/// </summary>
internal static class RolloutAnalysis
{
    /// <summary>The tests' one-sided significance level: 99 % confidence.</summary>
    public const double Significance = 0.01;

    /// <summary>The verdict on <paramref name="interval"/> and the line that explains it.</summary>
    public static (RolloutVerdict Verdict, string Why) Judge(TrafficSample interval, RolloutOptions options)
    {
        var canary = interval.Canary;
        var stable = interval.Stable;
        if (canary.Requests < options.MinRequests)
        {
            return (RolloutVerdict.Wait, $"{canary.Requests} canary request(s), {options.MinRequests} needed");
        }

        var gates = options.Gates;
        var failures = new List<string>(3);
        var errors = $"canary errors {Percent(canary.ErrorRatePercent)} ({canary.Errors}/{canary.Requests})";
        var pLimit = BinomialTail.AtLeast(canary.Errors, canary.Requests, gates.MaxErrorRate / 100);
        var pStable = stable.Requests == 0 ? 0 : BinomialTail.AtLeast(canary.Errors, canary.Errors + stable.Errors, (double)canary.Requests / (canary.Requests + stable.Requests));
        if (pLimit < Significance && pStable < Significance)
        {
            failures.Add($"{errors} above {Percent(gates.MaxErrorRate)} and stable's {Percent(stable.ErrorRatePercent)} with 99% confidence (p = {P(Math.Max(pLimit, pStable))})");
        }

        // A latency gate fails when the canary's p99 is above its limit with 99 % confidence too: more of its requests
        // were slower than the limit than the 1 % a p99 at the limit allows, beyond chance (P(X >= slow) < 1 % for
        // X ~ Binomial(n, 0.01)). A p99 read off 50 requests is their slowest one, which alone proves nothing.
        var canaryP99 = canary.P99Milliseconds ?? 0;
        if (SlowerThan(canary, gates.MaxP99) is { } overLimit)
        {
            failures.Add($"canary p99 {Ms(canaryP99)} above MaxP99 {Ms(gates.MaxP99.TotalMilliseconds)} ({overLimit})");
        }

        var stableP99 = stable.Requests >= options.MinRequests ? stable.P99Milliseconds : null;
        if (stableP99 is { } limit && !double.IsPositiveInfinity(limit)
            && SlowerThan(canary, TimeSpan.FromMilliseconds(limit * gates.MaxP99OverStable)) is { } overStable)
        {
            failures.Add($"canary p99 {Ms(canaryP99)} above stable's {Ms(limit)} x {gates.MaxP99OverStable.ToString(CultureInfo.InvariantCulture)} ({overStable})");
        }

        return failures.Count > 0
            ? (RolloutVerdict.Fail, string.Join("; ", failures))
            : (RolloutVerdict.Pass, $"{errors} (stable {Percent(stable.ErrorRatePercent)}), p99 {Ms(canaryP99)}" + (stableP99 is { } s ? $" (stable {Ms(s)})" : string.Empty) + ": within the gates");
    }

    /// <summary>"k of n requests slower than T (p = …)" when that many prove the p99 above T; else null.</summary>
    private static string? SlowerThan(TrackSample canary, TimeSpan threshold)
    {
        var slow = LatencyBuckets.CountAbove(canary.Latency.AsSpan(), threshold);
        var p = BinomialTail.AtLeast(slow, canary.Requests, 0.01);
        return p < Significance ? $"{slow} of {canary.Requests} requests slower than {Ms(threshold.TotalMilliseconds)}, p = {P(p)}" : null;
    }

    private static string Percent(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double milliseconds) => double.IsPositiveInfinity(milliseconds) ? "over 60 s" : milliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms";

    private static string P(double p) => p.ToString("0.##E+0", CultureInfo.InvariantCulture);
}
