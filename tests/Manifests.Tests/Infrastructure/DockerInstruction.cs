namespace Manifests.Tests.Infrastructure;

/// <summary>One Dockerfile instruction: <c>COPY a b ./</c> is keyword <c>COPY</c>, arguments <c>a b ./</c>.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The arguments split on whitespace.</summary>
    public string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
