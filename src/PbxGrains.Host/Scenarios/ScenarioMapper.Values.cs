using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;

namespace PbxGrains.Host.Scenarios;

/// <summary>The words and shapes a document writes values in, shared by every section.</summary>
public sealed partial class ScenarioMapper
{
    /// <summary>A value the shorthand it belongs to cannot do without (the rules check what the definition needs).</summary>
    private string? Required(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(path, "is required");
            return null;
        }

        return value;
    }

    private T Choice<T>(string? value, string path, IReadOnlyList<(string Name, T Value)> choices, T fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        var wanted = Normalize(value);
        foreach (var (name, choice) in choices)
        {
            if (Normalize(name) == wanted)
            {
                return choice;
            }
        }

        _problems.Add(path, $"must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{value}'");
        return fallback;
    }

    /// <summary>Choices match ignoring case, '-', '_' and spaces: "noAnswer", "no-answer" and "NOANSWER" are one.</summary>
    private static string Normalize(string value) => string.Concat(value.Where(c => c is not ('-' or '_' or ' '))).ToLowerInvariant();

    /// <summary>One of the four shapes; whether its values make a distribution is the rules' to say.</summary>
    private Distribution? Distribution(DistributionDocument? document, string path)
    {
        if (document is null)
        {
            return null;
        }

        var given = new[] { document.Constant is not null, document.Exponential is not null, document.Uniform is not null, document.Lognormal is not null }
            .Count(g => g);
        if (given != 1)
        {
            _problems.Add(path, given == 0
                ? "needs one of constant, exponential, uniform or lognormal"
                : "give only one of constant, exponential, uniform or lognormal");
            return null;
        }

        if (document.Uniform is { } uniform && uniform.Count != 2)
        {
            _problems.Add(FieldProblems.Child(path, "uniform"), "must be [min, max]");
            return null;
        }

        if (document.Lognormal is { } lognormal && (lognormal.Mean is null || lognormal.Sd is null))
        {
            _problems.Add(FieldProblems.Child(FieldProblems.Child(path, "lognormal"), lognormal.Mean is null ? "mean" : "sd"), "is required");
            return null;
        }

        return document switch
        {
            { Constant: { } constant } => Abstractions.Model.Distribution.Constant(constant),
            { Exponential: { } mean } => Abstractions.Model.Distribution.Exponential(mean),
            { Uniform: { } range } => Abstractions.Model.Distribution.Uniform(range[0], range[1]),
            _ => Abstractions.Model.Distribution.LogNormal(document.Lognormal!.Mean!.Value, document.Lognormal.Sd!.Value),
        };
    }

    private static ImmutableDictionary<string, string> Strings(Dictionary<string, string>? values) =>
        values is null ? ImmutableDictionary<string, string>.Empty : values.ToImmutableDictionary(StringComparer.Ordinal);
}
