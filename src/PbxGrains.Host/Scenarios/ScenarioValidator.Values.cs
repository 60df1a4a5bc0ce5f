using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>Checks of single values, shared by every section.</summary>
public sealed partial class ScenarioValidator
{
    private string? Required(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add(path, "is required");
            return null;
        }

        return value;
    }

    /// <summary>A number that can be dialled: 1 to 20 digits, '*' or '#' (the call model's rule).</summary>
    private string? DialNumber(string? value, string path, bool required = true)
    {
        if (value is null)
        {
            return required ? Required(value, path) : null;
        }

        if (!IsDialable(value))
        {
            _errors.Add(path, $"must be 1 to 20 digits, '*' or '#', not '{value}'");
            return null;
        }

        return value;
    }

    private static bool IsDialable(string value) =>
        value.Length is > 0 and <= 20 && value.All(c => char.IsAsciiDigit(c) || c is '*' or '#');

    /// <summary>A name that becomes part of keys or channel names: no '/', '-' (channel names split on it), ',' or spaces.</summary>
    private string? Identifier(string? value, string path, int maxLength, bool required = true)
    {
        if (value is null)
        {
            return required ? Required(value, path) : null;
        }

        if (value.Length == 0 || value.Length > maxLength || value.Any(c => c is '/' or '-' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            _errors.Add(path, $"must be 1 to {maxLength} characters without '/', '-', ',' or spaces");
            return null;
        }

        return value;
    }

    private static bool IsName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private int Whole(int? value, string path, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            _errors.Add(path, max == int.MaxValue ? $"must be at least {min}" : $"must be between {min} and {max}");
            return fallback;
        }

        return value.Value;
    }

    private double Probability(double? value, string path)
    {
        if (value is null)
        {
            return 1.0;
        }

        if (value is < 0 or > 1)
        {
            _errors.Add(path, "must be between 0 and 1");
            return 1.0;
        }

        return value.Value;
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

        _errors.Add(path, $"must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{value}'");
        return fallback;
    }

    /// <summary>Choices match ignoring case, '-', '_' and spaces: "noAnswer", "no-answer" and "NOANSWER" are one.</summary>
    private static string Normalize(string value) => string.Concat(value.Where(c => c is not ('-' or '_' or ' '))).ToLowerInvariant();

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
            _errors.Add(path, given == 0
                ? "needs one of constant, exponential, uniform or lognormal"
                : "give only one of constant, exponential, uniform or lognormal");
            return null;
        }

        Distribution? result = null;
        if (document.Constant is { } constant)
        {
            result = Abstractions.Model.Distribution.Constant(constant);
        }
        else if (document.Exponential is { } mean)
        {
            result = Abstractions.Model.Distribution.Exponential(mean);
        }
        else if (document.Uniform is { } uniform)
        {
            if (uniform.Count != 2)
            {
                _errors.Add(ScenarioErrors.Child(path, "uniform"), "must be [min, max]");
                return null;
            }

            result = Abstractions.Model.Distribution.Uniform(uniform[0], uniform[1]);
        }
        else if (document.Lognormal is { } lognormal)
        {
            var logPath = ScenarioErrors.Child(path, "lognormal");
            if (lognormal.Mean is null || lognormal.Sd is null)
            {
                _errors.Add(ScenarioErrors.Child(logPath, lognormal.Mean is null ? "mean" : "sd"), "is required");
                return null;
            }

            result = Abstractions.Model.Distribution.LogNormal(lognormal.Mean.Value, lognormal.Sd.Value);
        }

        if (result?.Validate() is { } problem)
        {
            _errors.Add(path, problem);
            return null;
        }

        return result;
    }

    private static ImmutableDictionary<string, string> Map(Dictionary<string, string>? values) =>
        values is null ? ImmutableDictionary<string, string>.Empty : values.ToImmutableDictionary(StringComparer.Ordinal);
}
