namespace Manifests.Tests.Infrastructure;

/// <summary>Which resources a <see cref="KustomizePatch"/> applies to; selectors by label are not declared (nor used).</summary>
public sealed class KustomizePatchTarget
{
    public string? Group { get; set; }

    public string? Version { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }
}
