namespace FakeKubeApi;

/// <summary>Which requests an injected fault applies to: each part that is set must match.</summary>
/// <param name="Verb">Only requests of this verb.</param>
/// <param name="Resource">Only requests for this resource (e.g. <c>configmaps</c>).</param>
/// <param name="Name">Only requests naming this object in their path.</param>
internal sealed record RequestMatch(KubeApiVerb? Verb, string? Resource, string? Name)
{
    public static RequestMatch Any { get; } = new(null, null, null);

    public bool Matches(KubeApiVerb verb, KubeApiRoute route) =>
        (Verb is null || Verb == verb)
        && (Resource is null || Resource == route.Resource?.Plural)
        && (Name is null || Name == route.Name);
}
