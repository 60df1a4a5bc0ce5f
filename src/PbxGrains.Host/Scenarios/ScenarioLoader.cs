using PbxGrains.Abstractions.Client;
using PbxGrains.Grains.Directory.Rules;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>Reads a scenario document (YAML or JSON) into a tenant definition that the tenant rules accept.</summary>
public sealed class ScenarioLoader(PbxClock clock)
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
        return new ScenarioResult(errors.Any ? null : definition, errors.All);
    }

    public async Task<ScenarioResult> ParseFileAsync(string path, CancellationToken cancellationToken)
    {
        var format = ScenarioFormats.FromFileName(path) ?? throw new ArgumentException($"'{path}' is not a .yaml, .yml or .json file.", nameof(path));
        return Parse(await File.ReadAllTextAsync(path, cancellationToken), format);
    }
}
