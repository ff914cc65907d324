namespace LoadTests.Statistics;

/// <summary>One finished request as the virtual user classified it.</summary>
/// <param name="AtSeconds">When it finished, in seconds since the run started.</param>
/// <param name="LatencyMicros">From sending the request to reading the whole body; 0 when it never completed.</param>
/// <param name="StatusCode">The HTTP status, 0 without a response.</param>
/// <param name="Version">The version the body named, or null.</param>
/// <param name="Track">The <c>X-Canary-Track</c> value, or null.</param>
/// <param name="Error">The error kind (see <see cref="Http.ErrorKinds"/>), or null.</param>
/// <param name="ForcedViolation">The version is one the user's group must not see.</param>
internal readonly record struct RequestOutcome(double AtSeconds, long LatencyMicros, int StatusCode, string? Version, string? Track, string? Error, bool ForcedViolation);
