using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Events;

/// <summary>What happened to a call leg (or, for <see cref="Ping"/>, to the feed itself; for <see cref="DeviceStateChanged"/>, to a phone).</summary>
public enum CallEventKind
{
    /// <summary>A new leg. <see cref="CallEvent.Originating"/> tells the calling leg from a called one; a called leg rings.</summary>
    ChannelCreated = 0,

    /// <summary>The leg went up (a phone or far end picked up, or the PBX answered the caller, e.g. to queue it).</summary>
    Answered = 1,

    /// <summary>The leg was bridged to <see cref="ChannelSnapshot.LinkedChannel"/>.</summary>
    Linked = 2,

    Held = 3,
    Unheld = 4,

    /// <summary>The leg waits in <see cref="CallEvent.ParkedSlot"/> of <see cref="CallEvent.ParkingLot"/>.</summary>
    Parked = 5,

    /// <summary>The leg left its slot: picked up, redirected or hung up.</summary>
    Unparked = 6,

    /// <summary>The leg ended with <see cref="ChannelSnapshot.HangupCause"/>.</summary>
    HungUp = 7,

    /// <summary>The calling leg entered <see cref="CallEvent.Queue"/> at <see cref="CallEvent.QueuePosition"/>.</summary>
    QueueJoined = 8,

    /// <summary>The calling leg left <see cref="CallEvent.Queue"/>, for <see cref="CallEvent.QueueExit"/>.</summary>
    QueueLeft = 9,

    /// <summary>Someone asked the tenant's feed to prove that it delivers (<see cref="CallEvent.Token"/> names the request).</summary>
    Ping = 10,

    /// <summary>
    /// Only the leg's caller id, connected line or variables changed (a variable was set on it, say): nothing the other
    /// kinds name.
    /// </summary>
    Updated = 11,

    /// <summary>
    /// An extension's device state changed (not a call leg: <see cref="CallEvent.Channel"/> is null): its
    /// <see cref="CallEvent.Extension"/> and <see cref="CallEvent.Device"/> are now <see cref="CallEvent.DeviceState"/>.
    /// </summary>
    DeviceStateChanged = 12,

    /// <summary>
    /// A member of <see cref="CallEvent.Queue"/> was added, removed, paused or unpaused, or went into or out of a call
    /// (<see cref="CallEvent.MemberChange"/>); <see cref="CallEvent.QueueMember"/> is the member after the change (before
    /// it, for a removal). Not a call leg: <see cref="CallEvent.Channel"/> is null.
    /// </summary>
    QueueMemberChanged = 13,
}

/// <summary>What became of a queue member.</summary>
public enum QueueMemberChange
{
    Added = 0,
    Removed = 1,

    /// <summary>Paused or unpaused (<see cref="QueueMemberView.Paused"/> says which).</summary>
    Paused = 2,

    /// <summary>Went into or out of a call (<see cref="QueueMemberView.InCall"/>).</summary>
    Status = 3,
}

/// <summary>Why a caller left a queue.</summary>
public enum QueueExit
{
    /// <summary>A member answered; <see cref="ChannelSnapshot.LinkedChannel"/> of the event's channel is the member's leg.</summary>
    Answered = 0,

    /// <summary>The caller hung up (or gave up) while waiting.</summary>
    Abandoned = 1,

    /// <summary>The caller was sent elsewhere while waiting (a redirect).</summary>
    Transferred = 2,
}

/// <summary>
/// One change of a tenant's calls, as the call that made it saw it: the leg's picture just after the change, plus what
/// the picture does not hold (queue position, the slot a leg just left). Vendor-neutral: each surface renders it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.call-event")]
public sealed record class CallEvent
{
    [Id(0)] public CallEventKind Kind { get; init; }

    /// <summary>When it happened, on the call model's clock.</summary>
    [Id(1)] public DateTimeOffset At { get; init; }

    /// <summary>The leg after the change; null for <see cref="CallEventKind.Ping"/>.</summary>
    [Id(2)] public ChannelSnapshot? Channel { get; init; }

    /// <summary>The leg placed the call (an inbound caller, a dialling phone, an originate's first leg); false for a called leg.</summary>
    [Id(3)] public bool Originating { get; init; }

    [Id(4)] public string? Queue { get; init; }

    /// <summary>1-based position on <see cref="CallEventKind.QueueJoined"/>.</summary>
    [Id(5)] public int? QueuePosition { get; init; }

    [Id(6)] public QueueExit? QueueExit { get; init; }

    [Id(7)] public string? ParkingLot { get; init; }

    /// <summary>The slot on <see cref="CallEventKind.Parked"/> and the slot left on <see cref="CallEventKind.Unparked"/>.</summary>
    [Id(8)] public int? ParkedSlot { get; init; }

    [Id(9)] public string? Token { get; init; }

    /// <summary>On <see cref="CallEventKind.DeviceStateChanged"/>: the extension's number.</summary>
    [Id(10)] public string? Extension { get; init; }

    /// <summary>On <see cref="CallEventKind.DeviceStateChanged"/>: the device, as channels name it (<c>SIP/102</c>).</summary>
    [Id(11)] public string? Device { get; init; }

    /// <summary>On <see cref="CallEventKind.DeviceStateChanged"/>: the new state.</summary>
    [Id(12)] public Model.DeviceState? DeviceState { get; init; }

    /// <summary>On <see cref="CallEventKind.DeviceStateChanged"/>: the context the extension dials in.</summary>
    [Id(13)] public string? Context { get; init; }

    /// <summary>On <see cref="CallEventKind.QueueMemberChanged"/>: the member.</summary>
    [Id(14)] public QueueMemberView? QueueMember { get; init; }

    /// <summary>On <see cref="CallEventKind.QueueMemberChanged"/>: what changed.</summary>
    [Id(15)] public QueueMemberChange? MemberChange { get; init; }
}
