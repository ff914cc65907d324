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

        var canaryP99 = canary.P99Milliseconds ?? 0;
        if (canaryP99 > gates.MaxP99.TotalMilliseconds)
        {
            failures.Add($"canary p99 {Ms(canaryP99)} above MaxP99 {Ms(gates.MaxP99.TotalMilliseconds)}");
        }

        var stableP99 = stable.Requests >= options.MinRequests ? stable.P99Milliseconds : null;
        if (stableP99 is { } limit && canaryP99 > limit * gates.MaxP99OverStable)
        {
            failures.Add($"canary p99 {Ms(canaryP99)} above stable's {Ms(limit)} x {gates.MaxP99OverStable.ToString(CultureInfo.InvariantCulture)}");
        }

        return failures.Count > 0
            ? (RolloutVerdict.Fail, string.Join("; ", failures))
            : (RolloutVerdict.Pass, $"{errors} (stable {Percent(stable.ErrorRatePercent)}), p99 {Ms(canaryP99)}" + (stableP99 is { } s ? $" (stable {Ms(s)})" : string.Empty) + ": within the gates");
    }

    private static string Percent(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double milliseconds) => double.IsPositiveInfinity(milliseconds) ? "over 60 s" : milliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms";

    private static string P(double p) => p.ToString("0.##E+0", CultureInfo.InvariantCulture);
}
