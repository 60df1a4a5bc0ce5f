using System.Diagnostics.CodeAnalysis;

namespace PbxGrains.Abstractions.Ids;

/// <summary>
/// A number a phone dials inside the call model: 1 to 20 ASCII digits, '*' or '#'. Defined once, here beside the other
/// id rules, so that the tenant's rules and a surface that checks a number before asking the call model agree.
/// </summary>
public static class DialNumber
{
    public const int MaxLength = 20;

    public static bool IsValid([NotNullWhen(true)] string? number) =>
        number is { Length: > 0 and <= MaxLength } && number.All(c => char.IsAsciiDigit(c) || c is '*' or '#');
}
