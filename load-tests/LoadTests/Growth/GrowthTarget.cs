using LoadTests.Bench;
using TestSupport;

namespace LoadTests.Growth;

/// <summary>One gateway process of the growth bench and the users it is measured with.</summary>
/// <param name="Name">e.g. <c>1000 endpoints · 100 users</c>.</param>
/// <param name="Endpoints">Static destinations it routes to.</param>
/// <param name="Users">Who sends the requests.</param>
/// <param name="Url">Its public URL, e.g. http://127.0.0.1:18600/.</param>
/// <param name="Gateway">The process, whose CPU and memory are sampled.</param>
internal sealed record GrowthTarget(string Name, int Endpoints, UserSet Users, Uri Url, ChildProcess Gateway)
{
    public static string NameOf(int endpoints, UserSet users) => $"{endpoints} endpoints · {users.Name}";

    /// <summary>The same target as the bench's types see it (the round results carry its name).</summary>
    public BenchTarget AsBenchTarget => new(Name, "gateway", true, Url, Gateway.Id);
}
