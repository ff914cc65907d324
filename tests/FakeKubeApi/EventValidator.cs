using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeKubeApi;

/// <summary>
/// What kube-apiserver requires of an Event created through events.k8s.io/v1 (ValidateEventCreate): eventTime,
/// reportingController (a qualified name), reportingInstance, action and reason, type Normal or Warning, note up to
/// 1 kB, and — the legacy check every Event passes — a regarding.namespace outside the default and kube-system
/// namespaces, so an Event about an object in "production" must name that namespace. Field paths are those of the
/// internal type kube-apiserver validates (<c>involvedObject</c> for <c>regarding</c>, <c>message</c> for <c>note</c>),
/// as its messages have them.
/// </summary>
internal static partial class EventValidator
{
    private const int ShortLimit = 128;
    private const int NoteLimit = 1024;

    public static void Validate(JsonObject json, List<FieldError> errors)
    {
        var @namespace = Text(json["metadata"]?["namespace"]) ?? "";
        var regardingNamespace = Text(json["regarding"]?["namespace"]) ?? "";
        var hasEventTime = !string.IsNullOrEmpty(Text(json["eventTime"]));
        var namespaceMismatch = hasEventTime
            ? regardingNamespace.Length == 0 && @namespace is not ("default" or "kube-system")
            : regardingNamespace.Length == 0 ? @namespace is not ("" or "default") : regardingNamespace != @namespace;
        if (namespaceMismatch)
        {
            errors.Add(FieldError.Invalid("involvedObject.namespace", regardingNamespace, "does not match event.namespace"));
        }

        if (!hasEventTime)
        {
            errors.Add(FieldError.Required("eventTime"));
        }

        if (Text(json["type"]) is var type && type is not ("Normal" or "Warning"))
        {
            errors.Add(FieldError.Invalid("type", "", $"has invalid value: {type}"));
        }

        var controller = Text(json["reportingController"]);
        if (string.IsNullOrEmpty(controller))
        {
            errors.Add(FieldError.Required("reportingController"));
        }
        else if (!IsQualifiedName(controller))
        {
            errors.Add(FieldError.Invalid("reportingController", controller,
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
        }

        Required(json, "reportingInstance", ShortLimit, errors);
        Required(json, "action", ShortLimit, errors);
        Required(json, "reason", ShortLimit, errors);
        if (Text(json["note"]) is { Length: > NoteLimit })
        {
            errors.Add(FieldError.Invalid("message", "", $"can have at most {NoteLimit} characters"));
        }
    }

    private static void Required(JsonObject json, string field, int limit, List<FieldError> errors)
    {
        var value = Text(json[field]);
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(FieldError.Required(field));
        }
        else if (value.Length > limit)
        {
            errors.Add(FieldError.Invalid(field, "", $"can have at most {limit} characters"));
        }
    }

    /// <summary>apimachinery's IsQualifiedName: an optional DNS subdomain prefix and <c>/</c>, then a name of up to 63 characters.</summary>
    private static bool IsQualifiedName(string value)
    {
        var parts = value.Split('/');
        return parts switch
        {
            [var name] => name.Length <= 63 && NamePart().IsMatch(name),
            [var prefix, var name] => prefix.Length is > 0 and <= 253 && ObjectValidator.Subdomain().IsMatch(prefix) && name.Length <= 63 && NamePart().IsMatch(name),
            _ => false,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex NamePart();
}
