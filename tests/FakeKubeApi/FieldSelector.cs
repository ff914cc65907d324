namespace FakeKubeApi;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> on
/// the fields kube-apiserver supports for every resource, <c>metadata.name</c> and <c>metadata.namespace</c>.
/// </summary>
internal sealed class FieldSelector
{
    private readonly (string Field, bool Equal, string Value)[] _terms;

    private FieldSelector((string Field, bool Equal, string Value)[] terms)
    {
        _terms = terms;
    }

    public static FieldSelector Everything { get; } = new([]);

    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var part in text.Split(','))
        {
            var (separator, equal) = part.Contains("!=", StringComparison.Ordinal) ? ("!=", false)
                : part.Contains("==", StringComparison.Ordinal) ? ("==", true)
                : ("=", true);
            var at = part.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                error = $"invalid selector: '{text}'; can't understand '{part}'";
                return false;
            }

            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                error = $"field label not supported: {field}";
                return false;
            }

            terms.Add((field, equal, part[(at + separator.Length)..].Trim()));
        }

        selector = new FieldSelector([.. terms]);
        return true;
    }

    /// <summary>
    /// The name a selector requires exactly (<c>metadata.name=x</c> among its terms), or null: kube-apiserver takes it
    /// as the object name of a list or watch, so RBAC <c>resourceNames</c> apply (apimachinery's RequiresExactMatch).
    /// </summary>
    public static string? NameOf(string? text) =>
        TryParse(text, out var selector, out _)
            ? selector._terms.Where(t => t.Field == "metadata.name" && t.Equal).Select(t => t.Value).FirstOrDefault()
            : null;

    public bool Matches(StoredObject obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = field == "metadata.name" ? obj.Name : obj.Namespace;
            if (string.Equals(actual, value, StringComparison.Ordinal) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
