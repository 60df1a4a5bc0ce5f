using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Settings;

/// <summary>
/// The settings schemas of the surfaces this host serves: the check of a scenario's <c>surfaces:</c> section. A
/// surface name it does not serve, a key its surface does not take or a value it cannot read is a problem, each with
/// its path (<c>surfaces.taridium.IPPSEnabled: must be true or false</c>), so a typo is refused when the scenario
/// loads instead of leaving, say, IPPS silently off.
/// </summary>
public sealed class SurfaceSettingsSchemas(IEnumerable<PbxSurface> surfaces)
{
    public const string Section = "surfaces";

    private readonly PbxSurface[] _surfaces = [.. surfaces];

    /// <summary>Every problem of a <c>surfaces:</c> section (surface names ignore case, as keys do).</summary>
    public IReadOnlyList<(string Path, string Message)> Check<TValues>(IEnumerable<KeyValuePair<string, TValues>>? section)
        where TValues : IEnumerable<KeyValuePair<string, string>>
    {
        var problems = new List<(string, string)>();
        foreach (var (name, values) in (section ?? []).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var path = $"{Section}.{name}";
            if (_surfaces.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } surface)
            {
                problems.Add((path, $"names no surface; the surfaces are {string.Join(", ", _surfaces.Select(s => s.Name))}"));
                continue;
            }

            foreach (var (key, message) in surface.Settings.Problems(surface.Name, (IEnumerable<KeyValuePair<string, string>>?)values ?? []))
            {
                problems.Add(($"{path}.{key}", message));
            }
        }

        return problems;
    }

    /// <summary>Why <paramref name="name"/> is no surface of this host (names ignore case); null when it is one.</summary>
    public string? UnknownSurface(string name) =>
        _surfaces.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"'{name}' names no surface; the surfaces are {string.Join(", ", _surfaces.Select(s => s.Name))}";

    /// <summary>What the control API shows for a secret that is set: never its value.</summary>
    public const string SecretShown = "(set)";

    /// <summary>
    /// A <c>surfaces:</c> section as it may be shown: every secret's value (<see cref="SurfaceSetting.IsSecret"/>) is
    /// <see cref="SecretShown"/>, or empty when it is empty; a key no surface takes is shown as a secret too, since
    /// nothing says it is not one.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Redacted(IEnumerable<KeyValuePair<string, ImmutableDictionary<string, string>>> section) =>
        section.ToDictionary(
            s => s.Key,
            s => (IReadOnlyDictionary<string, string>)s.Value.ToDictionary(
                v => v.Key,
                v => v.Value.Length == 0 || Setting(s.Key, v.Key) is { IsSecret: false } ? v.Value : SecretShown,
                StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>
    /// The values in <paramref name="settings"/> that select a tenant (<see cref="SurfaceSetting.SelectsTenant"/>), each
    /// as <c>surfaces.{surface}.{key}</c> (names as the schema writes them) and its value, read as the surfaces read them.
    /// </summary>
    public IEnumerable<(string Path, string Value)> TenantSelectors(TenantSettings? settings)
    {
        foreach (var surface in _surfaces)
        {
            var values = SurfaceSettingValues.Of(settings, surface.Name);
            foreach (var setting in surface.Settings.Settings.Where(s => s.SelectsTenant && s.Prefix is null))
            {
                if (values[setting.Key] is { Length: > 0 } value)
                {
                    yield return ($"{Section}.{surface.Name}.{setting.Key}", value);
                }
            }
        }
    }

    private SurfaceSetting? Setting(string surface, string key) =>
        _surfaces.FirstOrDefault(s => string.Equals(s.Name, surface, StringComparison.OrdinalIgnoreCase))?.Settings.Find(key);
}
