using System.Globalization;

namespace PbxGrains.Surfaces.Settings;

/// <summary>
/// How a surface setting's text is read, once for the check when a scenario loads (<see cref="SurfaceSetting"/>) and
/// for the surface that reads it: what one accepts, the other understands. Each returns null for a value it cannot read.
/// </summary>
public static class SettingValues
{
    /// <summary>PHP's TRUE/FALSE as a scenario may write them (any case); empty is false.</summary>
    public static bool? Flag(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" or "" => false,
        _ => null,
    };

    /// <summary>A whole number written with digits only (no sign, no spaces inside), from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static long? Number(string? value, long min = 0, long max = long.MaxValue) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : null;

    /// <summary>An IANA (or Windows) time zone id this machine knows.</summary>
    public static TimeZoneInfo? TimeZone(string? value) =>
        value?.Trim() is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>The items of a comma-separated list, trimmed, without empty ones.</summary>
    public static string[] List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
