using System.Globalization;

namespace PbxGrains.Abstractions.Ids;

/// <summary>
/// Asterisk-style identifiers: unique ids are <c>&lt;epoch seconds&gt;.&lt;sequence&gt;</c> and channel names are
/// <c>Tech/peer-xxxxxxxx</c> with an eight-digit hexadecimal sequence.
/// </summary>
public static class UniqueId
{
    public static string Format(DateTimeOffset at, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeSeconds()}.{sequence}");

    /// <summary>The epoch seconds and the sequence number of a unique id, or null for an id of another form.</summary>
    public static (long Epoch, long Sequence)? Parse(string uniqueId)
    {
        var dot = uniqueId.IndexOf('.');
        return dot > 0 && dot == uniqueId.LastIndexOf('.') &&
               long.TryParse(uniqueId.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch <= MaxEpoch &&
               long.TryParse(uniqueId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (epoch, sequence)
            : null;
    }

    /// <summary>The last second of year 9999: a later epoch has no date.</summary>
    public const long MaxEpoch = 253402300799;

    public static string ChannelName(string tech, string peer, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{tech}/{peer}-{sequence & 0xFFFFFFFF:x8}");

    /// <summary>The device part of a channel name: <c>SIP/4003-0000b704</c> → <c>SIP/4003</c>.</summary>
    public static string DeviceOf(string channelName)
    {
        var device = DeviceOf(channelName.AsSpan());
        return device.Length == channelName.Length ? channelName : device.ToString();
    }

    /// <summary>The device part of a channel name, without a copy (for pages rendered on a hot path).</summary>
    public static ReadOnlySpan<char> DeviceOf(ReadOnlySpan<char> channelName)
    {
        var dash = channelName.LastIndexOf('-');
        return dash > channelName.IndexOf('/') && dash > 0 ? channelName[..dash] : channelName;
    }
}
