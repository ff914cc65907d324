namespace FakeKubeApi;

/// <summary>One validation error, as apimachinery's <c>field.Error</c>: a path, a cause type and its message body.</summary>
/// <param name="Field">The field path, e.g. <c>metadata.name</c>.</param>
/// <param name="Reason">The cause type, e.g. <c>FieldValueRequired</c>.</param>
/// <param name="Message">The error body, e.g. <c>Required value</c>.</param>
internal sealed record FieldError(string Field, string Reason, string Message)
{
    public static FieldError Required(string field, string? detail = null) =>
        new(field, "FieldValueRequired", detail is null ? "Required value" : "Required value: " + detail);

    public static FieldError Invalid(string field, string value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": {detail}");

    public static FieldError TooLong(string field, int limit) =>
        new(field, "FieldValueTooLong", $"Too long: may not be more than {limit} bytes");

    public override string ToString() => Field + ": " + Message;
}
