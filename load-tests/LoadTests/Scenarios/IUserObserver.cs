using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>One user's answers, in the order the user got them; called by that user only, never concurrently.</summary>
internal interface IUserObserver
{
    /// <summary>One request of this user, classified (a failure too).</summary>
    void Observe(in RequestOutcome outcome);

    /// <summary>The user is done: it makes no more requests (after its last one, or when the run ends).</summary>
    void Finished();
}
