using System.Globalization;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Catalogue.Rules;

/// <summary>Checks of single values that every section of a definition shares; each adds its problem and says whether the value passed.</summary>
public static class FieldChecks
{
    public static bool Required(this FieldProblems problems, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(path, "is required");
            return false;
        }

        return true;
    }

    /// <summary>A number the call model can dial (<see cref="DialableNumber"/>); empty is "required" unless <paramref name="optional"/>.</summary>
    public static bool Dialable(this FieldProblems problems, string path, string? value, bool optional = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return optional || problems.Required(path, value);
        }

        if (!DialableNumber.IsValid(value))
        {
            problems.Add(path, $"must be 1 to {DialableNumber.MaxLength} digits, '*' or '#', not '{value}'");
            return false;
        }

        return true;
    }

    /// <summary>A name that becomes part of keys or channel names: no '/', '-' (channel names split on it), ',' or spaces.</summary>
    public static bool Identifier(this FieldProblems problems, string path, string value, int maxLength)
    {
        if (value.Length == 0 || value.Length > maxLength || value.Any(c => c is '/' or '-' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(path, $"must be 1 to {maxLength} characters without '/', '-', ',' or spaces");
            return false;
        }

        return true;
    }

    public static bool Between(this FieldProblems problems, string path, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            problems.Add(path, max == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must be at least {min}")
                : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));
            return false;
        }

        return true;
    }

    public static bool AtLeast(this FieldProblems problems, string path, long value, long min) => problems.Between(path, value, min, int.MaxValue);

    public static bool Probability(this FieldProblems problems, string path, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            problems.Add(path, "must be between 0 and 1");
            return false;
        }

        return true;
    }

    public static bool Distribution(this FieldProblems problems, string path, Distribution? distribution)
    {
        if (distribution?.Validate() is { } problem)
        {
            problems.Add(path, problem);
            return false;
        }

        return true;
    }

    public static bool Defined<T>(this FieldProblems problems, string path, T value, string message) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(path, message);
            return false;
        }

        return true;
    }
}
