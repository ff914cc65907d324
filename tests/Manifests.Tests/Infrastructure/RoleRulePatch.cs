using k8s.Models;

namespace Manifests.Tests.Infrastructure;

/// <summary>
/// The one JSON 6902 operation the components here use on a Role: <c>add</c> at <c>/rules/-</c> (append a rule).
/// Loaded strictly, so any other operation's fields fail the load; <see cref="KustomizeBuild"/> rejects other paths.
/// </summary>
public sealed class RoleRulePatch
{
    public string? Op { get; set; }

    public string? Path { get; set; }

    public V1PolicyRule? Value { get; set; }
}
