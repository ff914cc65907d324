namespace Gateway.Discovery;

/// <summary>Kubernetes naming rules, checked at startup so a typo fails fast instead of watching a Service that cannot exist.</summary>
internal static class KubernetesNames
{
    /// <summary>RFC 1035 label: Service names.</summary>
    public static bool IsDns1035Label(string value) =>
        value.Length is > 0 and <= 63 && char.IsAsciiLetterLower(value[0]) && value[^1] != '-' && IsLowerAlnumOrDash(value);

    /// <summary>RFC 1123 subdomain: Deployment names (lower-case letters, digits, '-' and '.', at most 253).</summary>
    public static bool IsDns1123Subdomain(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(label =>
            label.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(label[0]) && label[^1] != '-' && IsLowerAlnumOrDash(label));

    /// <summary>IANA service name: named container and Service ports.</summary>
    public static bool IsPortName(string value) =>
        value.Length is > 0 and <= 15 && value[0] != '-' && value[^1] != '-' && IsLowerAlnumOrDash(value) && value.Any(char.IsAsciiLetterLower);

    private static bool IsLowerAlnumOrDash(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
