using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// A failure as kube-apiserver reports it: the HTTP code and a <c>Status</c> body whose reason, message and details
/// follow apimachinery's <c>errors</c> package (<c>NewNotFound</c>, <c>NewAlreadyExists</c>, <c>NewConflict</c>,
/// <c>NewForbidden</c>, <c>NewInvalid</c>), since clients branch on reason and code.
/// </summary>
internal sealed record KubeApiStatus(int Code, string Reason, string Message, JsonObject? Details = null)
{
    /// <summary>The detail of a Conflict on a stale resourceVersion (apimachinery's <c>OptimisticLockErrorMsg</c>).</summary>
    public const string StaleObject = "the object has been modified; please apply your changes to the latest version and try again";

    public string ToJson() => KubeJson.Status(Code, Reason, Message, Details);

    /// <summary>A failure with the reason kube-apiserver pairs with <paramref name="code"/>.</summary>
    public static KubeApiStatus Of(int code, string message, JsonObject? details = null) => new(code, KubeJson.ReasonFor(code), message, details);

    public static KubeApiStatus BadRequest(string message) => Of(400, message);

    public static KubeApiStatus NotFound(KubeResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedPlural} \"{name}\" not found", DetailsOf(resource, name));

    public static KubeApiStatus AlreadyExists(KubeResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedPlural} \"{name}\" already exists", DetailsOf(resource, name));

    public static KubeApiStatus Conflict(KubeResource resource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": {detail}", DetailsOf(resource, name));

    /// <summary>403 as the RBAC authorizer words it, for a request in a namespace or, without one, at the cluster scope.</summary>
    public static KubeApiStatus Forbidden(KubeResource resource, string? name, string verb, string user, string? @namespace)
    {
        var what = name is null ? resource.QualifiedPlural : $"{resource.QualifiedPlural} \"{name}\"";
        var where = @namespace is null ? "at the cluster scope" : $"in the namespace \"{@namespace}\"";
        return new(403, "Forbidden", $"{what} is forbidden: User \"{user}\" cannot {verb} resource \"{resource.Plural}\" in API group \"{resource.Group}\" {where}",
            DetailsOf(resource, name));
    }

    /// <summary>422 Invalid: one line per field error in the message, and each as a cause.</summary>
    public static KubeApiStatus Invalid(KubeResource resource, string name, IReadOnlyList<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Kind;
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field })]);
        return new(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {list}", details);
    }

    /// <summary>The details kube-apiserver attaches to errors about one object (<c>group</c> omitted for the core group).</summary>
    public static JsonObject DetailsOf(KubeResource resource, string? name, string? uid = null)
    {
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Plural;
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return details;
    }
}
