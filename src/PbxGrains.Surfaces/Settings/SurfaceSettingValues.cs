using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Settings;

/// <summary>
/// One surface's section of a tenant's settings, read as every surface reads it: the surface's name and the keys
/// ignore case (where two keys differ only by case, the first in ordinal order counts). Values are as written.
/// </summary>
public sealed class SurfaceSettingValues
{
    private static readonly SurfaceSettingValues NoValues = new(ImmutableDictionary<string, string>.Empty);

    private readonly Dictionary<string, string> _values;

    private SurfaceSettingValues(IEnumerable<KeyValuePair<string, string>> written)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in written.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            _values.TryAdd(key, value);
        }
    }

    /// <summary>The section of <paramref name="surface"/> in <paramref name="settings"/>; empty when there is none.</summary>
    public static SurfaceSettingValues Of(TenantSettings? settings, string surface)
    {
        if (settings is null)
        {
            return NoValues;
        }

        if (settings.Surfaces.TryGetValue(surface, out var exact))
        {
            return new SurfaceSettingValues(exact);
        }

        foreach (var (name, values) in settings.Surfaces.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (string.Equals(name, surface, StringComparison.OrdinalIgnoreCase))
            {
                return new SurfaceSettingValues(values);
            }
        }

        return NoValues;
    }

    /// <summary>The value of a key, or null when the section does not have it.</summary>
    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The keys of a family (<c>user.</c>…) with the name each has after the prefix (as written) and its value.</summary>
    public IEnumerable<(string Name, string Value)> Family(string prefix)
    {
        foreach (var (key, value) in _values)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return (key[prefix.Length..], value);
            }
        }
    }
}
