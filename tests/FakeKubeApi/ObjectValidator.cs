using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeKubeApi;

/// <summary>
/// The validation kube-apiserver applies on create and update that a client of these kinds can trip over: object
/// names (every kind here needs a DNS subdomain), ConfigMap keys and size, and the fields events.k8s.io/v1 requires.
/// Anything else is stored as sent.
/// </summary>
internal static partial class ObjectValidator
{
    private const int MaxNameLength = 253;

    /// <summary>Throws 422 Invalid listing every error found.</summary>
    public static void Validate(KubeResource resource, string name, JsonObject json)
    {
        List<FieldError> errors = [];
        if (name.Length > MaxNameLength || !Subdomain().IsMatch(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", name,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }

        if (resource == KubeResources.ConfigMaps)
        {
            ConfigMapValidator.Validate(json, errors);
        }
        else if (resource == KubeResources.Events)
        {
            EventValidator.Validate(json, errors);
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(KubeApiStatus.Invalid(resource, name, errors));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    internal static partial Regex Subdomain();
}
