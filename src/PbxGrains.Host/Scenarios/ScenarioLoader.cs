using PbxGrains.Client;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Host.Scenarios;

/// <summary>Reads a scenario document (YAML or JSON) into a tenant definition that the tenant rules accept.</summary>
/// <param name="surfaces">The schemas the <c>surfaces:</c> section is checked against; without them it is not checked.</param>
public sealed class ScenarioLoader(PbxClock clock, SurfaceSettingsSchemas? surfaces = null)
{
    /// <param name="tenant">The tenant the document must define, when the caller already names it (a PUT path).</param>
    public ScenarioResult Parse(string text, ScenarioFormat format, string? tenant = null)
    {
        var errors = new FieldProblems();
        DocNode root;
        try
        {
            root = format == ScenarioFormat.Json ? JsonDocReader.Read(text) : YamlDocReader.Read(text);
        }
        catch (ScenarioSyntaxException e)
        {
            errors.Add("", e.Message);
            return new ScenarioResult(null, errors.All);
        }

        if (root is DocScalar { Kind: ScalarKind.Null })
        {
            errors.Add("", "the document is empty");
            return new ScenarioResult(null, errors.All);
        }

        var document = DocBinder.Bind<ScenarioDocument>(root, errors);
        var definition = document is null ? null : new ScenarioMapper(errors, clock.Now, clock.Speed).Map(document, tenant);
        foreach (var (path, message) in surfaces?.Check(document?.Surfaces) ?? [])
        {
            errors.Add(path, message);
        }

        for (var i = 0; i < (document?.Faults?.Count ?? 0); i++)
        {
            if (document!.Faults![i].Surface is { Length: > 0 } surface && surfaces?.UnknownSurface(surface.Trim()) is { } problem)
            {
                errors.Add($"faults[{i}].surface", problem);
            }
        }

        return new ScenarioResult(errors.Any ? null : definition, errors.All);
    }

    public async Task<ScenarioResult> ParseFileAsync(string path, CancellationToken cancellationToken)
    {
        var format = ScenarioFormats.FromFileName(path) ?? throw new ArgumentException($"'{path}' is not a .yaml, .yml or .json file.", nameof(path));
        return Parse(await File.ReadAllTextAsync(path, cancellationToken), format);
    }
}
