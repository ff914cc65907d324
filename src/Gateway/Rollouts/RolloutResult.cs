namespace Gateway.Rollouts;

/// <summary>The answer to a management call: the new document, or why the call is not allowed now.</summary>
internal sealed record RolloutResult(RolloutDocument? Document, string? Conflict);
