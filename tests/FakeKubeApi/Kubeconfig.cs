using System.Globalization;
using System.Text;

namespace FakeKubeApi;

/// <summary>Writes the kubeconfig YAML a developer's <c>~/.kube/config</c> would hold for the fake cluster.</summary>
internal static class Kubeconfig
{
    public const string ContextName = "fake-kube";

    public static string Render(Uri server, string? token, string? @namespace)
    {
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine(CultureInfo.InvariantCulture, $"- name: {ContextName}")
            .AppendLine("  cluster:")
            .AppendLine(CultureInfo.InvariantCulture, $"    server: {Quote(server.GetLeftPart(UriPartial.Authority))}")
            .AppendLine("users:")
            .AppendLine(CultureInfo.InvariantCulture, $"- name: {ContextName}")
            .AppendLine(token is null ? "  user: {}" : "  user:")
            .Append(token is null ? "" : $"    token: {Quote(token)}\n")
            .AppendLine("contexts:")
            .AppendLine(CultureInfo.InvariantCulture, $"- name: {ContextName}")
            .AppendLine("  context:")
            .AppendLine(CultureInfo.InvariantCulture, $"    cluster: {ContextName}")
            .AppendLine(CultureInfo.InvariantCulture, $"    user: {ContextName}")
            .Append(@namespace is null ? "" : $"    namespace: {Quote(@namespace)}\n")
            .AppendLine(CultureInfo.InvariantCulture, $"current-context: {ContextName}")
            .AppendLine("preferences: {}");
        return yaml.ToString().ReplaceLineEndings("\n");
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
