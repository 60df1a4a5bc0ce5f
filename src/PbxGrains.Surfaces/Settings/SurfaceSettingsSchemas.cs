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
}
