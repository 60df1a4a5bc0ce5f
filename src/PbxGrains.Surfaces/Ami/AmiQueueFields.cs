using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>How app_queue names and prints a queue's parts in the manager.</summary>
public static class AmiQueueFields
{
    /// <summary>A member's device state; the queue's picture tells in-call and wrap-up, not ringing.</summary>
    public static DeviceState StatusOf(QueueMemberView member) => member.InCall || member.BusyWithCall is not null ? DeviceState.InUse : DeviceState.NotInUse;

    /// <summary>Asterisk's <c>ast_devstate2str</c>, as <c>queue show</c> prints a member's state.</summary>
    public static string StateText(DeviceState state) => state switch
    {
        DeviceState.NotInUse => "Not in use",
        DeviceState.InUse => "In use",
        DeviceState.Busy => "Busy",
        DeviceState.Invalid => "Invalid",
        DeviceState.Unavailable => "Unavailable",
        DeviceState.Ringing => "Ringing",
        DeviceState.RingInUse => "Ring+Inuse",
        DeviceState.OnHold => "On Hold",
        _ => "Unknown",
    };

    public static string Seconds(DateTimeOffset? at) => at is { } t ? t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "0";

    /// <summary>app_queue's service level: the share of completed calls answered within it (a percentage with one decimal).</summary>
    /// <summary>
    /// app_queue's <c>ServicelevelPerf</c>: calls answered within the service level over calls answered (abandoned
    /// calls are not in it; the call model's <see cref="QueueStatistics.AnsweredServiceLevelPercent"/>).
    /// </summary>
    public static double ServiceLevelPerf(QueueStatistics stats) => stats.AnsweredServiceLevelPercent;

    /// <summary>
    /// app_queue's <c>ServicelevelPerf2</c>: (answered within the level + abandoned within it) over (answered +
    /// abandoned). The call model does not count calls abandoned within the level, so they count as outside it: a
    /// lower bound of Asterisk's figure.
    /// </summary>
    public static double ServiceLevelPerf2(QueueStatistics stats) =>
        stats.AnsweredOrAbandoned == 0 ? 0 : 100.0 * stats.AnsweredWithinServiceLevel / stats.AnsweredOrAbandoned;

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>app_queue's member events: QueueMemberAdded, QueueMemberRemoved, QueueMemberPause, QueueMemberStatus, with its member fields.</summary>
    public static AmiEvent MemberEvent(string queue, QueueMemberView m, QueueMemberChange change)
    {
        var name = change switch
        {
            QueueMemberChange.Added => "QueueMemberAdded",
            QueueMemberChange.Removed => "QueueMemberRemoved",
            QueueMemberChange.Paused => "QueueMemberPause",
            _ => "QueueMemberStatus",
        };
        return AmiEvent.Of(name, AmiPermission.Agent, p => MemberFields(p.Add("Queue", queue), m));
    }

    /// <summary>
    /// A member as app_queue's <c>queue_member_blob</c> prints it in its events (QueueStatus's QueueMember item names
    /// the first two <c>Name</c> and <c>Location</c> instead, as app_queue does).
    /// </summary>
    public static AmiPacket MemberFields(AmiPacket p, QueueMemberView m) => p
        .Add("MemberName", m.MemberName.Length > 0 ? m.MemberName : m.Interface)
        .Add("Interface", m.Interface)
        .Add("StateInterface", m.Interface)
        .Add("Membership", m.Dynamic ? "dynamic" : "static")
        .Add("Penalty", m.Penalty)
        .Add("CallsTaken", m.CallsTaken)
        .Add("LastCall", Seconds(m.LastCall))
        .Add("LastPause", 0)
        .Add("LoginTime", 0)
        .Add("InCall", m.InCall ? 1 : 0)
        .Add("Status", AmiCauses.MemberStatus(StatusOf(m)))
        .Add("Paused", m.Paused ? 1 : 0)
        .Add("PausedReason", m.PauseReason)
        .Add("Ringinuse", 0)
        .Add("Wrapuptime", 0);
}
