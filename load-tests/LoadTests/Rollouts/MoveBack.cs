namespace LoadTests.Rollouts;

/// <summary>A user answered by the canary, then by stable on its next answer that named a track.</summary>
internal readonly record struct MoveBack(int User, ObservedAnswer LastCanary, ObservedAnswer Stable);
