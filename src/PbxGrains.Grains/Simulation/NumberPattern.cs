using System.Text;

namespace PbxGrains.Grains.Simulation;

/// <summary>Numbers made from a pattern in which every 'X' is a random digit ("04XXXXXXXX").</summary>
public static class NumberPattern
{
    public static string Expand(string pattern, Random random)
    {
        if (!pattern.Contains('X', StringComparison.Ordinal))
        {
            return pattern;
        }

        var number = new StringBuilder(pattern.Length);
        foreach (var c in pattern)
        {
            number.Append(c == 'X' ? (char)('0' + random.Next(10)) : c);
        }

        return number.ToString();
    }

    /// <summary>A valid pattern: an optional '+', then digits and 'X', 1 to 24 of them.</summary>
    public static bool IsValid(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        var body = pattern.StartsWith('+') ? pattern.AsSpan(1) : pattern.AsSpan();
        return body.Length is > 0 and <= 24 && !body.ContainsAnyExcept("0123456789X");
    }
}
