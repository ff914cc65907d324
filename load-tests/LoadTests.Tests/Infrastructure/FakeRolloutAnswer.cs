namespace LoadTests.Tests.Infrastructure;

/// <summary>How <see cref="FakeRolloutDirector"/> routed one request: the cookies to set, the track, and whether it fails with 503.</summary>
internal readonly record struct FakeRolloutAnswer(int User, int Bucket, bool Canary, bool Fail);
