namespace Gateway.Rollouts;

/// <summary>One analysis check: the interval's figures and the verdict.</summary>
/// <param name="Time">When the interval ended.</param>
/// <param name="Step">The step it judged.</param>
/// <param name="Weight">The weight during the interval.</param>
/// <param name="Verdict">Pass, fail or wait.</param>
/// <param name="Why">One line: the figures that decided.</param>
/// <param name="Canary">The canary's figures.</param>
/// <param name="Stable">Stable's figures.</param>
public sealed record RolloutCheck(DateTimeOffset Time, int Step, double Weight, RolloutVerdict Verdict, string Why, CheckFigures Canary, CheckFigures Stable);
