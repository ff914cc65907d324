namespace LoadTests.Tests.Infrastructure;

/// <summary>One user as <see cref="FakeRolloutDirector"/> knows it (by its <c>fake-user</c> cookie); changed under the director's lock only.</summary>
internal sealed class FakeRolloutUser(int id, int bucket)
{
    public int Id { get; } = id;

    /// <summary>0–9999: canary iff below the routing weight × 100.</summary>
    public int Bucket { get; } = bucket;

    /// <summary>Requests answered so far.</summary>
    public int Answered { get; set; }

    public bool SeenOnCanary { get; set; }

    /// <summary>Its last answer came from canary, for a request the tool certainly places after the first Progressing poll.</summary>
    public bool LastCanaryCertain { get; set; }

    /// <summary>The move-back fault already hit it (once per user).</summary>
    public bool MovedBack { get; set; }
}
