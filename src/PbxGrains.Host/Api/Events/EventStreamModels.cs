using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Api.Events;

/// <summary>
/// One call event as a tenant's event stream sends it: what a reader needs to know which call, queue or phone moved and
/// how, not the leg's whole picture (its variables, say); the listings under <c>/sim/tenants/{tenant}</c> have the rest.
/// </summary>
public sealed record class CallEventResponse(
    CallEventKind Kind,
    DateTimeOffset At,
    string? CallId,
    string? Channel,
    string? UniqueId,
    ChannelState? State,
    bool? OnHold,
    bool Originating,
    string? LinkedChannel,
    string? CallerIdNumber,
    string? ConnectedLineNumber,
    HangupCause? HangupCause,
    string? Queue,
    int? QueuePosition,
    QueueExit? QueueExit,
    string? ParkingLot,
    int? ParkedSlot,
    string? Extension,
    DeviceState? DeviceState,
    QueueMemberChange? MemberChange,
    QueueMemberEventResponse? Member);

/// <summary>A queue member as a <see cref="CallEventKind.QueueMemberChanged"/> event shows it.</summary>
public sealed record class QueueMemberEventResponse(string Interface, string Extension, string? AgentId, bool Paused, bool InCall, int CallsTaken);

/// <summary>The first event of a stream: from now on every event of the tenant reaches it, so a snapshot read now is complete.</summary>
public sealed record class StreamReadyResponse(string Tenant, int HeartbeatSeconds, int BufferedBatches);

/// <summary>The last event of a stream whose client fell behind: the events it missed are gone, it should read a new snapshot.</summary>
public sealed record class StreamOverrunResponse(string Reason);

public static class CallEventMapping
{
    public static CallEventResponse AsResponse(this CallEvent e) => new(
        e.Kind,
        e.At,
        e.Channel?.CallId,
        e.Channel?.Name,
        e.Channel?.UniqueId,
        e.Channel?.State,
        e.Channel?.OnHold,
        e.Originating,
        e.Channel?.LinkedChannel,
        e.Channel?.CallerIdNumber,
        e.Channel?.ConnectedLineNumber,
        e.Channel?.HangupCause,
        e.Queue ?? e.Channel?.Queue,
        e.QueuePosition,
        e.QueueExit,
        e.ParkingLot,
        e.ParkedSlot,
        e.Extension,
        e.DeviceState,
        e.MemberChange,
        e.QueueMember is { } m ? new(m.Interface, m.Extension, m.AgentId, m.Paused, m.InCall, m.CallsTaken) : null);
}
