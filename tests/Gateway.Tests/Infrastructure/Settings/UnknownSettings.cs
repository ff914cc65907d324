using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway;

/// <summary>Tests' entry to the unknown-key check over the sections every feature registers (see <see cref="UnknownKeys"/>).</summary>
internal static class UnknownSettings
{
    /// <summary>The one-line error for the first unknown key under <c>Gateway</c>, or null when there is none.</summary>
    public static string? Validate(IConfiguration configuration) => Validate(configuration, GatewaySections.All);

    /// <inheritdoc cref="Validate(IConfiguration)"/>
    public static string? Validate(IConfiguration configuration, IReadOnlyList<(string Path, Type Options)> sections) =>
        UnknownKeys.Validate(configuration, sections);
}
