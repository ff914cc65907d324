using System.ComponentModel;
using System.Reflection;

namespace Gateway.Configuration;

/// <summary>
/// Finds a key under <c>Gateway</c> that no options class reads: a misspelt <c>Gateway:Canary:Wieght</c> would
/// otherwise be ignored without a word. Known keys follow the configuration binder: a settable property by name (or
/// <see cref="ConfigurationKeyNameAttribute"/>), case-insensitively; any key below a list, array or dictionary (its
/// entries); nothing below a value converted from a string (numbers, strings, TimeSpans, enums). Read-only computed
/// properties (<c>TlsOptions.Enabled</c>) are not keys: the binder would ignore a value given for them.
/// </summary>
internal static class UnknownKeys
{
    /// <summary>
    /// The one-line error for the first key under <c>Gateway</c> that none of <paramref name="sections"/> reads, or
    /// null when there is none.
    /// </summary>
    public static string? Validate(IConfiguration configuration, IReadOnlyList<(string Path, Type Options)> sections) =>
        FindInSection(configuration.GetSection(GatewaySettings.Root), sections) is { } key
            ? $"{key} is not a known setting (misspelt, or in the wrong section?)."
            : null;

    private static string? FindInSection(IConfigurationSection section, IReadOnlyList<(string Path, Type Options)> sections)
    {
        foreach (var child in section.GetChildren())
        {
            string? unknown;
            if (sections.Any(s => IsAtOrBelow(s.Path, child.Path)))
            {
                unknown = FindInSection(child, sections);
            }
            else if (sections.Where(s => s.Path.Equals(section.Path, StringComparison.OrdinalIgnoreCase))
                .Select(s => Property(s.Options, child.Key)).FirstOrDefault(p => p is not null) is { } property)
            {
                unknown = FindInValue(child, property.PropertyType);
            }
            else
            {
                unknown = child.Path;
            }

            if (unknown is not null)
            {
                return unknown;
            }
        }

        return null;
    }

    private static string? FindInValue(IConfigurationSection section, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var scalar = IsScalar(type);
        var element = scalar ? null : ElementType(type);
        foreach (var child in section.GetChildren())
        {
            var unknown = scalar ? child.Path
                : element is not null ? FindInValue(child, element)
                : Property(type, child.Key) is { } property ? FindInValue(child, property.PropertyType)
                : child.Path;
            if (unknown is not null)
            {
                return unknown;
            }
        }

        return null;
    }

    private static bool IsAtOrBelow(string path, string section) =>
        path.Equals(section, StringComparison.OrdinalIgnoreCase) || path.StartsWith(section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the binder converts from a single string value.</summary>
    private static bool IsScalar(Type type) => type == typeof(string) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>The entry type of an array, list, set or dictionary (its values), or null for an object.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = Generic(type, typeof(IDictionary<,>)) ?? Generic(type, typeof(IReadOnlyDictionary<,>));
        return dictionary is not null ? dictionary.GetGenericArguments()[1] : Generic(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : Array.Find(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private static PropertyInfo? Property(Type type, string key)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase) && property.GetIndexParameters().Length == 0 && IsBound(property))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Set through a public setter, or filled in place (a get-only list or nested options object).</summary>
    private static bool IsBound(PropertyInfo property) =>
        property.SetMethod is { IsPublic: true }
        || (property.GetMethod is { IsPublic: true } && property.PropertyType.IsClass && !property.PropertyType.IsArray && !IsScalar(property.PropertyType));
}
