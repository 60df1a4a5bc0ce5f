using System.Reflection;
using System.Text.Json;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>
/// Binds a <see cref="DocNode"/> tree to the scenario document classes by their camelCase property names. It never
/// stops at the first problem: every unknown key, duplicate key and wrongly typed value is reported with its path.
/// Values that fail to bind are left null.
/// </summary>
public static class DocBinder
{
    /// <summary>Keys that start with this are ignored in any map of the document.</summary>
    public const string ExtensionPrefix = "x-";

    public static T? Bind<T>(DocNode node, FieldProblems errors) where T : class => (T?)Bind(typeof(T), node, "", errors);

    private static object? Bind(Type type, DocNode node, string path, FieldProblems errors)
    {
        if (node is DocScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return node is DocScalar text ? text.Text : Fail(errors, path, "must be a single value, not a list or a map");
        }

        if (target == typeof(int))
        {
            return node is DocScalar s && s.TryGetInt(out var i) ? i : Fail(errors, path, $"must be a whole number{Got(node)}");
        }

        if (target == typeof(double))
        {
            return node is DocScalar s && s.TryGetDouble(out var d) ? d : Fail(errors, path, $"must be a number{Got(node)}");
        }

        if (target == typeof(bool))
        {
            return node is DocScalar s && s.TryGetBool(out var b) ? b : Fail(errors, path, $"must be true or false{Got(node)}");
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>))
        {
            return BindList(target, node, path, errors);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return BindDictionary(target, node, path, errors);
        }

        return BindObject(target, node, path, errors);
    }

    private static object? BindList(Type listType, DocNode node, string path, FieldProblems errors)
    {
        if (node is not DocList list)
        {
            return Fail(errors, path, "must be a list");
        }

        var elementType = listType.GetGenericArguments()[0];
        var result = (System.Collections.IList)Activator.CreateInstance(listType)!;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = FieldProblems.Item(path, i);
            var item = Bind(elementType, list.Items[i], itemPath, errors);
            if (item is null && !errors.Has(itemPath))
            {
                errors.Add(itemPath, "must not be empty");
            }

            if (item is not null)
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? BindDictionary(Type dictionaryType, DocNode node, string path, FieldProblems errors)
    {
        if (node is not DocMap map)
        {
            return Fail(errors, path, "must be a map");
        }

        var valueType = dictionaryType.GetGenericArguments()[1];
        var result = (System.Collections.IDictionary)Activator.CreateInstance(dictionaryType, StringComparer.Ordinal)!;
        foreach (var entry in map.Entries)
        {
            var entryPath = FieldProblems.Child(path, entry.Key);
            if (result.Contains(entry.Key))
            {
                errors.Add(entryPath, "duplicate key");
                continue;
            }

            // An empty value in a settings map is an empty string, not a missing one.
            var value = valueType == typeof(string) && entry.Value is DocScalar { Kind: ScalarKind.Null }
                ? ""
                : Bind(valueType, entry.Value, entryPath, errors);
            if (value is not null)
            {
                result[entry.Key] = value;
            }
        }

        return result;
    }

    private static object? BindObject(Type type, DocNode node, string path, FieldProblems errors)
    {
        var instance = Activator.CreateInstance(type)!;
        if (node is DocScalar scalar)
        {
            return instance is IScalarShorthand shorthand && shorthand.TrySetFromScalar(scalar)
                ? instance
                : Fail(errors, path, $"must be a map with the keys {string.Join(", ", KeysOf(type))}{Got(node)}");
        }

        if (node is not DocMap map)
        {
            return Fail(errors, path, $"must be a map with the keys {string.Join(", ", KeysOf(type))}, not a list");
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in map.Entries)
        {
            var entryPath = FieldProblems.Child(path, entry.Key);
            if (entry.Key.StartsWith(ExtensionPrefix, StringComparison.Ordinal))
            {
                // A place for YAML anchors and notes, as in Compose files: x-phones: &phones {...}.
                continue;
            }

            if (!properties.TryGetValue(entry.Key, out var property))
            {
                errors.Add(entryPath, $"unknown key '{entry.Key}' (known keys: {string.Join(", ", properties.Keys)})");
                continue;
            }

            if (!seen.Add(entry.Key))
            {
                errors.Add(entryPath, "duplicate key");
                continue;
            }

            property.SetValue(instance, Bind(property.PropertyType, entry.Value, entryPath, errors));
        }

        return instance;
    }

    private static IEnumerable<string> KeysOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static string Got(DocNode node) => node switch
    {
        DocScalar { Text: { } text } => $", not '{text}'",
        DocList => ", not a list",
        DocMap => ", not a map",
        _ => "",
    };

    private static object? Fail(FieldProblems errors, string path, string message)
    {
        errors.Add(path, message);
        return null;
    }
}
