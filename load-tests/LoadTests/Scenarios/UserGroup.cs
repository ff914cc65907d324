using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>Users that send the same things (Host, force header or cookie) and must see the same thing.</summary>
internal sealed record UserGroup(string Name, Expectation Expectation)
{
    /// <summary>The Host header; null: the target's.</summary>
    public string? Host { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Cookies in the user's jar before the first request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Cookies { get; init; } = [];
}
