using System.Collections.Immutable;

namespace PbxGrains.Surfaces.Settings;

/// <summary>The settings a surface takes in a scenario's <c>surfaces: {surface: {...}}</c> section.</summary>
public sealed class SurfaceSettingsSchema(params IEnumerable<SurfaceSetting> settings)
{
    /// <summary>A surface that takes no settings: any key is a mistake.</summary>
    public static SurfaceSettingsSchema None { get; } = new();

    public ImmutableArray<SurfaceSetting> Settings { get; } = [.. settings];

    /// <summary>The setting a key belongs to (keys ignore case), or null when it is none of them.</summary>
    public SurfaceSetting? Find(string key)
    {
        foreach (var setting in Settings)
        {
            if (setting.Covers(key))
            {
                return setting;
            }
        }

        return null;
    }

    /// <summary>Every problem of one surface's settings, by key (in key order), each saying what the value must be.</summary>
    public IEnumerable<(string Key, string Message)> Problems(string surface, IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (Find(key) is not { } setting)
            {
                yield return (key, Settings.IsEmpty
                    ? $"is not a setting: {surface} takes none"
                    : $"is not a {surface} setting; its settings are {string.Join(", ", Settings.Select(s => s.Key))}");
            }
            else if (setting.Problem(key, value ?? "") is { } problem)
            {
                yield return (key, problem);
            }
        }
    }
}
