using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// The manager resources' records: the Asterisk Manager Interface events the real controller relays as they come
/// (Status; QueueParams with its QueueMember and QueueEntry events), with AMI's header names and every value a string,
/// as Asterisk 13 writes them.
/// </summary>
public static class IssabelManager
{
    public static JsonObject AsStatusEvent(this ChannelSnapshot channel, DateTimeOffset now) => new()
    {
        ["Event"] = "Status",
        ["Privilege"] = "Call",
        ["Channel"] = channel.Name,
        ["ChannelState"] = Text((int)channel.State),
        ["ChannelStateDesc"] = channel.State.AsteriskName(),
        ["CallerIDNum"] = channel.CallerIdNumber,
        ["CallerIDName"] = channel.CallerIdName,
        ["ConnectedLineNum"] = channel.ConnectedLineNumber,
        ["ConnectedLineName"] = channel.ConnectedLineName,
        ["Language"] = "en",
        ["AccountCode"] = channel.AccountCode,
        ["Context"] = channel.Context,
        ["Exten"] = channel.Exten,
        ["Priority"] = "1",
        ["Uniqueid"] = channel.UniqueId,
        ["Linkedid"] = channel.CallId,
        ["Type"] = channel.Name.Split('/')[0],
        ["BridgedChannel"] = channel.LinkedChannel ?? "",
        ["Seconds"] = Text((long)Math.Max(0, (now - channel.Created).TotalSeconds)),
    };

    /// <summary>A queue's QueueParams event, then one QueueMember event per member and one QueueEntry per waiting caller.</summary>
    public static IEnumerable<JsonNode> AsQueueStatusEvents(this QueueSnapshot queue, IReadOnlyDictionary<string, DeviceState> memberStates, DateTimeOffset now)
    {
        var config = queue.Config!;
        var stats = queue.Statistics;
        var queueName = config.Key();
        var waiting = queue.Calls.Where(c => c.Status != QueueCallerStatus.Connected).OrderBy(c => c.Position).ToList();
        yield return new JsonObject
        {
            ["Event"] = "QueueParams",
            ["Queue"] = queueName,
            ["Max"] = Text(config.MaxCallers),
            ["Strategy"] = config.Strategy.AsteriskName(),
            ["Calls"] = Text(waiting.Count),
            ["Holdtime"] = Text((long)Math.Round(stats.AverageHoldSeconds)),
            ["TalkTime"] = Text((long)Math.Round(stats.AverageTalkSeconds)),
            ["Completed"] = Text(stats.Completed),
            ["Abandoned"] = Text(stats.Abandoned),
            ["ServiceLevel"] = Text(stats.ServiceLevelSeconds),
            // app_queue's ServicelevelPerf: answered within the service level over answered calls (abandons not counted).
            ["ServicelevelPerf"] = stats.AnsweredServiceLevelPercent.ToString("0.0", CultureInfo.InvariantCulture),
            ["Weight"] = "0",
        };

        foreach (var member in queue.Members)
        {
            var state = memberStates.TryGetValue(member.Extension, out var known) ? known : DeviceState.Unknown;
            yield return new JsonObject
            {
                ["Event"] = "QueueMember",
                ["Queue"] = queueName,
                ["Name"] = member.MemberName.Length > 0 ? member.MemberName : member.Interface,
                ["Location"] = member.Interface,
                ["StateInterface"] = member.Interface,
                ["Membership"] = member.Dynamic ? "dynamic" : "static",
                ["Penalty"] = Text(member.Penalty),
                ["CallsTaken"] = Text(member.CallsTaken),
                ["LastCall"] = Text(member.LastCall?.ToUnixTimeSeconds() ?? 0),
                ["InCall"] = member.InCall ? "1" : "0",
                ["Status"] = Text((int)state),
                ["Paused"] = member.Paused ? "1" : "0",
                ["PausedReason"] = member.PauseReason,
            };
        }

        foreach (var caller in waiting)
        {
            yield return new JsonObject
            {
                ["Event"] = "QueueEntry",
                ["Queue"] = queueName,
                ["Position"] = Text(caller.Position),
                ["Channel"] = caller.Channel,
                ["Uniqueid"] = caller.CallId,
                ["CallerIDNum"] = caller.CallerIdNumber,
                ["CallerIDName"] = caller.CallerIdName,
                ["Wait"] = Text((long)Math.Max(0, (now - caller.Entered).TotalSeconds)),
            };
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
