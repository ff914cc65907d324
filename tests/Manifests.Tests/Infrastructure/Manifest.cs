namespace Manifests.Tests.Infrastructure;

/// <summary>One YAML document: the file it came from (relative to k8s/) and the typed object it loaded into.</summary>
public sealed record Manifest(string File, object Resource);
