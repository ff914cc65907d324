using LoadTests.Bench;

namespace LoadTests.Growth;

/// <summary>The growth bench's figures: <c>growth.json</c>, and the source of <c>growth.md</c>.</summary>
internal sealed record GrowthReport(
    string Tool,
    DateTimeOffset StartedAt,
    string CommandLine,
    string Machine,
    string Engine,
    int Connections,
    double WarmupSeconds,
    double RoundSeconds,
    int RoundCount,
    double TolerancePercent,
    IReadOnlyList<string> Layout,
    IReadOnlyList<RoundResult> Rounds,
    IReadOnlyList<GrowthSummary> Summary,
    IReadOnlyList<GrowthRatio> Ratios,
    bool Passed);
