namespace Manifests.Tests.Infrastructure;

/// <summary>Kubernetes equality-based label selection.</summary>
public static class Labels
{
    /// <summary>
    /// True when every key of a non-empty <paramref name="selector"/> has the same value in <paramref name="labels"/>.
    /// An empty selector is treated as matching nothing: in a Service it means "no selector", which none here wants.
    /// </summary>
    public static bool Match(IDictionary<string, string>? selector, IDictionary<string, string>? labels)
    {
        if (selector is null || selector.Count == 0 || labels is null)
        {
            return false;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
