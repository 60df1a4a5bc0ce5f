using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// How Asterisk 12+ prints a channel in an event (<c>ast_manager_build_channel_state_string_prefix</c>): the same
/// fourteen headers in the same order, with a prefix for the second channel of an event (<c>DestChannel</c>,
/// <c>ParkeeChannel</c>).
/// </summary>
public static class AmiChannelFields
{
    /// <summary>Asterisk prints an empty caller id as this.</summary>
    public const string Unknown = "<unknown>";

    public static AmiPacket AddChannel(this AmiPacket packet, ChannelSnapshot c, string prefix = "", ChannelState? state = null)
    {
        var shown = state ?? c.State;
        return packet
            .Add(prefix + "Channel", c.Name)
            .Add(prefix + "ChannelState", ((int)shown).ToString(CultureInfo.InvariantCulture))
            .Add(prefix + "ChannelStateDesc", shown.AsteriskName())
            .Add(prefix + "CallerIDNum", OrUnknown(c.CallerIdNumber))
            .Add(prefix + "CallerIDName", OrUnknown(c.CallerIdName))
            .Add(prefix + "ConnectedLineNum", OrUnknown(c.ConnectedLineNumber))
            .Add(prefix + "ConnectedLineName", OrUnknown(c.ConnectedLineName))
            .Add(prefix + "Language", "en")
            .Add(prefix + "AccountCode", c.AccountCode)
            .Add(prefix + "Context", c.Context)
            .Add(prefix + "Exten", c.Exten)
            .Add(prefix + "Priority", "1")
            .Add(prefix + "Uniqueid", c.UniqueId)
            .Add(prefix + "Linkedid", c.CallId);
    }

    public static string OrUnknown(string value) => value.Length == 0 ? Unknown : value;

    /// <summary>How long a channel has existed, as <c>core show channels</c> and CoreShowChannel print it (HH:MM:SS).</summary>
    public static string Duration(TimeSpan elapsed)
    {
        var seconds = Math.Max(0, (long)elapsed.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
