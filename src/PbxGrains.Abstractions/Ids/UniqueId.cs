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

    public static string ChannelName(string tech, string peer, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{tech}/{peer}-{sequence & 0xFFFFFFFF:x8}");

    /// <summary>The device part of a channel name: <c>SIP/4003-0000b704</c> → <c>SIP/4003</c>.</summary>
    public static string DeviceOf(string channelName)
    {
        var dash = channelName.LastIndexOf('-');
        return dash > channelName.IndexOf('/') && dash > 0 ? channelName[..dash] : channelName;
    }
}
