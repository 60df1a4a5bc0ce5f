using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>The queue actions (app_queue's): listings from the queues' published pictures, member changes on the queue grains.</summary>
public static partial class AmiActions
{
    private static async Task<IReadOnlyList<QueueSnapshot>> QueuesAsync(AmiRequest r)
    {
        var only = r.Message["Queue"];
        return await r.Services.Pbx.ListQueuesAsync(r.Tenant, only.Length == 0 ? null : n => n.Equals(only, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task QueueStatusAsync(AmiRequest r)
    {
        var queues = await QueuesAsync(r);
        var member = r.Message["Member"];
        var now = r.Services.Pbx.Clock.Now;
        var items = new List<(string, Func<AmiPacket, AmiPacket>)>();
        foreach (var q in queues)
        {
            var stats = q.Statistics;
            var waiting = q.Calls.Where(c => c.Status != QueueCallerStatus.Connected).ToList();
            items.Add(("QueueParams", p => p
                .Add("Queue", q.Name)
                .Add("Max", q.Config?.MaxCallers ?? 0)
                .Add("Strategy", (q.Config?.Strategy ?? QueueStrategy.RingAll).AsteriskName())
                .Add("Calls", waiting.Count)
                .Add("Holdtime", (long)stats.AverageHoldSeconds)
                .Add("TalkTime", (long)stats.AverageTalkSeconds)
                .Add("Completed", stats.Completed)
                .Add("Abandoned", stats.Abandoned)
                .Add("ServiceLevel", stats.ServiceLevelSeconds)
                .Add("ServicelevelPerf", AmiQueueFields.Percent(AmiQueueFields.ServiceLevelPerf(stats)))
                .Add("ServicelevelPerf2", AmiQueueFields.Percent(AmiQueueFields.ServiceLevelPerf2(stats)))
                .Add("Weight", 0)));
            foreach (var m in q.Members.Where(m => member.Length == 0 || m.Interface.Equals(member, StringComparison.OrdinalIgnoreCase) || m.MemberName.Equals(member, StringComparison.OrdinalIgnoreCase)))
            {
                items.Add(("QueueMember", p => p
                    .Add("Queue", q.Name)
                    .Add("Name", m.MemberName.Length > 0 ? m.MemberName : m.Interface)
                    .Add("Location", m.Interface)
                    .Add("StateInterface", m.Interface)
                    .Add("Membership", m.Dynamic ? "dynamic" : "static")
                    .Add("Penalty", m.Penalty)
                    .Add("CallsTaken", m.CallsTaken)
                    .Add("LastCall", AmiQueueFields.Seconds(m.LastCall))
                    .Add("LastPause", 0)
                    .Add("LoginTime", 0)
                    .Add("InCall", m.InCall ? 1 : 0)
                    .Add("Status", AmiCauses.MemberStatus(AmiQueueFields.StatusOf(m)))
                    .Add("Paused", m.Paused ? 1 : 0)
                    .Add("PausedReason", m.PauseReason)
                    .Add("Wrapuptime", q.Config?.WrapUpSeconds ?? 0)));
            }

            var position = 0;
            foreach (var c in waiting)
            {
                position++;
                var at = position;
                items.Add(("QueueEntry", p => p
                    .Add("Queue", q.Name)
                    .Add("Position", at)
                    .Add("Channel", c.Channel)
                    .Add("Uniqueid", c.CallId)
                    .Add("CallerIDNum", AmiChannelFields.OrUnknown(c.CallerIdNumber))
                    .Add("CallerIDName", AmiChannelFields.OrUnknown(c.CallerIdName))
                    .Add("ConnectedLineNum", AmiChannelFields.Unknown)
                    .Add("ConnectedLineName", AmiChannelFields.Unknown)
                    .Add("Wait", (long)(now - c.Entered).TotalSeconds)
                    .Add("Priority", 0)));
            }
        }

        r.SendList("Queue status will follow", "QueueStatusComplete", items);
    }

    private static async Task QueueSummaryAsync(AmiRequest r)
    {
        var queues = await QueuesAsync(r);
        var now = r.Services.Pbx.Clock.Now;
        r.SendList("Queue summary will follow", "QueueSummaryComplete", queues.Select(q =>
        {
            var waiting = q.Calls.Where(c => c.Status != QueueCallerStatus.Connected).ToList();
            return ("QueueSummary", (Func<AmiPacket, AmiPacket>)(p => p
                .Add("Queue", q.Name)
                .Add("LoggedIn", q.Members.Length)
                .Add("Available", q.Members.Count(m => !m.Paused && !m.InCall && m.BusyWithCall is null))
                .Add("Callers", waiting.Count)
                .Add("HoldTime", (long)q.Statistics.AverageHoldSeconds)
                .Add("TalkTime", (long)q.Statistics.AverageTalkSeconds)
                .Add("LongestHoldTime", waiting.Count == 0 ? 0 : (long)(now - waiting.Min(c => c.Entered)).TotalSeconds)));
        }));
    }

    private static async Task QueueAddAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Queue"].Length == 0 || m["Interface"].Length == 0)
        {
            r.Error("'Queue' and 'Interface' not specified.");
            return;
        }

        if (AmiChannelNames.ExtensionOf(m["Interface"]) is not { } extension)
        {
            r.Error("Unable to add interface to queue: No such queue");
            return;
        }

        var result = await r.Services.Pbx.Queue(r.Tenant, m["Queue"]).AddMemberAsync(new QueueMemberConfig
        {
            Extension = extension,
            Penalty = int.TryParse(m["Penalty"], NumberStyles.None, CultureInfo.InvariantCulture, out var penalty) ? penalty : 0,
            Paused = m.IsTrue("Paused"),
            MemberName = m["MemberName"],
            Interface = m["Interface"],
        });
        switch (result.Error)
        {
            case DomainError.None:
                r.Success("Added interface to queue");
                break;
            case DomainError.QueueMemberExists:
                r.Error("Unable to add interface: Already there");
                break;
            default:
                r.Error("Unable to add interface to queue: No such queue");
                break;
        }
    }

    private static async Task QueueRemoveAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Queue"].Length == 0 || m["Interface"].Length == 0)
        {
            r.Error("Need 'Queue' and 'Interface' parameters.");
            return;
        }

        var result = await r.Services.Pbx.Queue(r.Tenant, m["Queue"]).RemoveMemberAsync(AmiChannelNames.ExtensionOf(m["Interface"]) ?? "");
        switch (result.Error)
        {
            case DomainError.None:
                r.Success("Removed interface from queue");
                break;
            case DomainError.QueueMemberNotFound:
                r.Error("Unable to remove interface: Not there");
                break;
            default:
                r.Error("Unable to remove interface from queue: No such queue");
                break;
        }
    }

    /// <summary>Pauses the member in the named queue, or in every queue it is a member of.</summary>
    private static async Task QueuePauseAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Interface"].Length == 0 || m["Paused"].Length == 0)
        {
            r.Error("Need 'Interface' and 'Paused' parameters.");
            return;
        }

        var paused = m.IsTrue("Paused");
        var extension = AmiChannelNames.ExtensionOf(m["Interface"]) ?? "";
        var queues = m["Queue"].Length > 0 ? [m["Queue"]] : (await r.Services.Pbx.ListQueuesAsync(r.Tenant)).Where(q => q.Members.Any(x => x.Extension == extension)).Select(q => q.Name).ToList();
        var done = 0;
        foreach (var queue in queues)
        {
            if ((await r.Services.Pbx.Queue(r.Tenant, queue).PauseMemberAsync(extension, paused, m["Reason"])).IsOk)
            {
                done++;
            }
        }

        if (done == 0)
        {
            r.Error("Interface not found");
        }
        else
        {
            r.Success(paused ? "Interface paused successfully" : "Interface unpaused successfully");
        }
    }

    /// <summary>
    /// The queue model changes a member's penalty by adding it again: the member is removed and added back with the
    /// new penalty, keeping its pause and name.
    /// </summary>
    private static async Task QueuePenaltyAsync(AmiRequest r)
    {
        var m = r.Message;
        if (m["Interface"].Length == 0 || !int.TryParse(m["Penalty"], NumberStyles.None, CultureInfo.InvariantCulture, out var penalty))
        {
            r.Error("Need 'Interface' and 'Penalty' parameters.");
            return;
        }

        var extension = AmiChannelNames.ExtensionOf(m["Interface"]) ?? "";
        var queues = await r.Services.Pbx.ListQueuesAsync(r.Tenant, m["Queue"].Length == 0 ? null : n => n.Equals(m["Queue"], StringComparison.OrdinalIgnoreCase));
        var done = 0;
        foreach (var q in queues)
        {
            if (q.Members.FirstOrDefault(x => x.Extension == extension) is not { } member)
            {
                continue;
            }

            var queue = r.Services.Pbx.Queue(r.Tenant, q.Name);
            if ((await queue.RemoveMemberAsync(extension)).IsOk &&
                (await queue.AddMemberAsync(new QueueMemberConfig
                {
                    Extension = extension,
                    Penalty = penalty,
                    Paused = member.Paused,
                    AgentId = member.AgentId,
                    MemberName = member.MemberName,
                    Interface = member.Interface,
                })).IsOk)
            {
                done++;
            }
        }

        if (done == 0)
        {
            r.Error("Invalid interface, queuename or penalty");
        }
        else
        {
            r.Success("Interface penalty set successfully");
        }
    }
}
