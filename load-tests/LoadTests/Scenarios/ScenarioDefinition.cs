namespace LoadTests.Scenarios;

/// <summary>A scenario (NBomber's term): what the virtual users do, as groups; users are dealt to groups in turn.</summary>
internal sealed record ScenarioDefinition(string Name, string Description, IReadOnlyList<UserGroup> Groups);
