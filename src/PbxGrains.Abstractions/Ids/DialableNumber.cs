using System.Diagnostics.CodeAnalysis;

namespace PbxGrains.Abstractions.Ids;

/// <summary>
/// What can be dialled inside a PBX: an extension, queue, ring group or parking number is 1 to 20 digits, '*' or '#'.
/// The call model keys its grains by such numbers: the tenant's rules and every surface that takes one from a client
/// check it here, so they agree.
/// </summary>
public static class DialableNumber
{
    public const int MaxLength = 20;

    /// <summary>The rule in words, for the messages that refuse a number.</summary>
    public const string Rule = "1 to 20 digits, '*' or '#'";

    public static bool IsValid([NotNullWhen(true)] string? number) =>
        number is { Length: > 0 and <= MaxLength } && number.All(c => char.IsAsciiDigit(c) || c is '*' or '#');
}
