using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeKubeApi;

/// <summary>ConfigMap keys (<c>[-._a-zA-Z0-9]+</c>, not in both data and binaryData) and its 1 MiB size limit.</summary>
internal static partial class ConfigMapValidator
{
    private const int MaxSize = 1024 * 1024;

    public static void Validate(JsonObject json, List<FieldError> errors)
    {
        var size = 0;
        foreach (var field in (string[])["data", "binaryData"])
        {
            if (json[field] is not JsonObject entries)
            {
                continue;
            }

            foreach (var (key, value) in entries)
            {
                if (!Key().IsMatch(key) || key is "." or "..")
                {
                    errors.Add(FieldError.Invalid($"{field}[{key}]", key,
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
                }

                if (field == "binaryData" && json["data"] is JsonObject data && data.ContainsKey(key))
                {
                    errors.Add(FieldError.Invalid($"data[{key}]", key, "duplicate of key present in binaryData"));
                }

                size += key.Length + (value is JsonValue text && text.TryGetValue<string>(out var s) ? Encoding.UTF8.GetByteCount(s) : 0);
            }
        }

        if (size > MaxSize)
        {
            errors.Add(FieldError.TooLong("data", MaxSize));
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex Key();
}
