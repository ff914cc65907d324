namespace LoadTests.Tests.Infrastructure;

/// <summary>One entry of the fake's <c>GET /rollout</c> history.</summary>
internal sealed record FakeRolloutTransition(DateTimeOffset Time, string From, string To, int? Step, double Weight, string Reason);
