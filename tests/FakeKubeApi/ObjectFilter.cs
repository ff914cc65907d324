namespace FakeKubeApi;

/// <summary>Which objects a list or watch sees: the namespace in its path plus its label and field selectors.</summary>
internal sealed class ObjectFilter(string? @namespace, LabelSelector labels, FieldSelector fields)
{
    public bool Matches(StoredObject obj) =>
        (@namespace is null || string.Equals(obj.Namespace, @namespace, StringComparison.Ordinal))
        && labels.Matches(obj.Labels)
        && fields.Matches(obj);
}
