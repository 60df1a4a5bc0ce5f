using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// The manager resources' records: the Asterisk Manager Interface events the real server relays (Status, QueueParams
/// with its QueueMember and QueueEntry events), with AMI's field names in lower case and every value a string.
/// </summary>
public static class IssabelManager
{
    public static JsonObject AsStatus(this ChannelSnapshot channel, DateTimeOffset now) => new()
    {
        ["channel"] = channel.Name,
        ["calleridnum"] = channel.CallerIdNumber,
        ["calleridname"] = channel.CallerIdName,
        ["connectedlinenum"] = channel.ConnectedLineNumber,
        ["connectedlinename"] = channel.ConnectedLineName,
        ["accountcode"] = channel.AccountCode,
        ["channelstate"] = Text((int)channel.State),
        ["channelstatedesc"] = StateDescription(channel.State),
        ["context"] = channel.Context,
        ["extension"] = channel.Exten,
        ["priority"] = "1",
        ["seconds"] = Text((long)Math.Max(0, (now - channel.Created).TotalSeconds)),
        ["bridgedchannel"] = channel.LinkedChannel ?? "",
        ["uniqueid"] = channel.UniqueId,
        ["linkedid"] = channel.CallId,
    };

    public static JsonObject AsQueueStatus(this QueueSnapshot queue, DateTimeOffset now)
    {
        var config = queue.Config!;
        var stats = queue.Statistics;
        return new JsonObject
        {
            ["queue"] = config.Key(),
            ["max"] = Text(config.MaxCallers),
            ["strategy"] = IssabelQueue.Strategies.FirstOrDefault(s => s.Value == config.Strategy).Key ?? "ringall",
            ["calls"] = Text(queue.Calls.Count(c => c.Status != QueueCallerStatus.Connected)),
            ["holdtime"] = Text((long)Math.Round(stats.AverageHoldSeconds)),
            ["talktime"] = Text((long)Math.Round(stats.AverageTalkSeconds)),
            ["completed"] = Text(stats.Completed),
            ["abandoned"] = Text(stats.Abandoned),
            ["servicelevel"] = Text(stats.ServiceLevelSeconds),
            ["servicelevelperf"] = stats.ServiceLevelPercent.ToString("0.0", CultureInfo.InvariantCulture),
            ["weight"] = "0",
            ["members"] = new JsonArray([.. queue.Members.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.MemberName.Length > 0 ? m.MemberName : m.Interface,
                ["location"] = m.Interface,
                ["stateinterface"] = m.Interface,
                ["membership"] = m.Dynamic ? "dynamic" : "static",
                ["penalty"] = Text(m.Penalty),
                ["callstaken"] = Text(m.CallsTaken),
                ["lastcall"] = Text(m.LastCall?.ToUnixTimeSeconds() ?? 0),
                ["incall"] = m.InCall ? "1" : "0",
                ["paused"] = m.Paused ? "1" : "0",
            })]),
            ["entries"] = new JsonArray([.. queue.Calls.Where(c => c.Status != QueueCallerStatus.Connected).Select(c => (JsonNode)new JsonObject
            {
                ["position"] = Text(c.Position),
                ["channel"] = c.Channel,
                ["uniqueid"] = c.CallId,
                ["calleridnum"] = c.CallerIdNumber,
                ["calleridname"] = c.CallerIdName,
                ["wait"] = Text((long)Math.Max(0, (now - c.Entered).TotalSeconds)),
            })]),
        };
    }

    private static string StateDescription(ChannelState state) => state switch
    {
        ChannelState.Down => "Down",
        ChannelState.Ring => "Ring",
        ChannelState.Ringing => "Ringing",
        ChannelState.Up => "Up",
        ChannelState.Busy => "Busy",
        _ => "Unknown",
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
