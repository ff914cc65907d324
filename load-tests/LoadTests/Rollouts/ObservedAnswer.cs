namespace LoadTests.Rollouts;

/// <summary>One answer that named a track, in seconds since the run started: the gateway routed it somewhere between <see cref="Start"/> and <see cref="End"/>.</summary>
internal readonly record struct ObservedAnswer(int User, double Start, double End, bool Canary);
