using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>The scenarios the tool knows: <c>split</c>, <c>force</c>, <c>host</c> and <c>rollout</c>.</summary>
internal static class ScenarioCatalog
{
    public const string Split = "split";
    public const string Force = "force";
    public const string Host = "host";
    public const string Rollout = "rollout";

    /// <summary>New users get a bucket cookie and must keep their version; the canary share is measured.</summary>
    public static ScenarioDefinition SplitScenario(string? host) => new(
        Split,
        "Users without forcing: each must stay on the version of its first answer; the canary share of users is measured.",
        [new UserGroup("split", Expectation.Split) { Host = host }]);

    /// <summary>Testers forcing a track with the cookie or the header, both ways.</summary>
    public static ScenarioDefinition ForceScenario(string? host, string cookie, string header) => new(
        Force,
        $"Users forcing a track with the cookie '{cookie}' or the header '{header}' (always / never): each must see only that track's version.",
        [
            new UserGroup($"cookie {cookie}=always", Expectation.Canary) { Host = host, Cookies = [new(cookie, "always")] },
            new UserGroup($"cookie {cookie}=never", Expectation.Stable) { Host = host, Cookies = [new(cookie, "never")] },
            new UserGroup($"header {header}: always", Expectation.Canary) { Host = host, Headers = [new(header, "always")] },
            new UserGroup($"header {header}: never", Expectation.Stable) { Host = host, Headers = [new(header, "never")] },
        ]);

    /// <summary>The pinned canary host sees only canary; the main host gets the split.</summary>
    public static ScenarioDefinition HostScenario(string splitHost, string canaryHost) => new(
        Host,
        $"Host '{canaryHost}' must see only the canary; host '{splitHost}' gets the split (sticky, canary share measured).",
        [
            new UserGroup($"host {canaryHost}", Expectation.Canary) { Host = canaryHost },
            new UserGroup($"host {splitHost}", Expectation.Split) { Host = splitHost },
        ]);

    /// <summary>
    /// Users without forcing arrive through a whole rollout and keep their cookie jar while they return; the rollout's
    /// verdicts (<see cref="Verdicts.RolloutVerdicts"/>) judge them against the steps polled from <c>GET /rollout</c>.
    /// </summary>
    public static ScenarioDefinition RolloutScenario(string? host) => new(
        Rollout,
        "New users arrive through a whole rollout while returning users keep their cookie jar: the canary share of new users must follow each step's weight, "
            + "no user may go back from canary to stable while the weight rises, after a rollback everyone is on stable, and only the canary may fail.",
        [new UserGroup("rollout", Expectation.Split) { Host = host }]);
}
