namespace FakeKubeApi;

/// <summary>Which objects a list or watch sees: the type and namespace in its path plus its label and field selectors.</summary>
internal sealed class ObjectFilter(KubeResource resource, string? @namespace, LabelSelector labels, FieldSelector fields)
{
    public KubeResource Resource => resource;

    public bool Matches(StoredObject obj) =>
        obj.Resource == resource
        && (@namespace is null || string.Equals(obj.Namespace, @namespace, StringComparison.Ordinal))
        && labels.Matches(obj.Labels)
        && fields.Matches(obj);
}
