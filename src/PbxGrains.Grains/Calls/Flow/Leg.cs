using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>What a leg is for within its call.</summary>
[GenerateSerializer, Alias("pbx.call-flow.leg-role")]
internal enum LegRole
{
    /// <summary>The party the call is for: the originate's source, the dialling phone, the inbound caller, the parked leg.</summary>
    Caller,

    /// <summary>A dialled destination (an extension, a ring group member, an outside number).</summary>
    Callee,
    QueueMember,

    /// <summary>An extension picking up a parked call.</summary>
    Joiner,
    Spy,
}

/// <summary>What a timer of the call is for: one of a leg's (it rings, answers, talks) or one of the call's own.</summary>
[GenerateSerializer, Alias("pbx.call-flow.timer-kind")]
internal enum TimerKind
{
    RingTimeout,
    PhoneAnswers,
    PhoneRejects,
    RemoteBusy,
    RemoteCongestion,
    TalkEnds,
    CallerGivesUp,

    /// <summary>The call's own: the ring group's wave has rung long enough.</summary>
    WaveEnds,

    /// <summary>The call's own: the parked leg has waited long enough.</summary>
    ParkTimeout,

    /// <summary>A telephony fault ends the leg (the trunk refused it, the call dropped) with the leg's <see cref="Leg.FaultCause"/>.</summary>
    FaultEndsLeg,
}

/// <summary>
/// One leg as its call holds it: the leg's picture plus what the call needs to drive it. Immutable: the flow replaces a
/// leg when it changes.
/// </summary>
[GenerateSerializer, Alias("pbx.call-flow.leg")]
internal sealed record Leg(
    [property: Id(0)] ChannelSnapshot Channel,
    [property: Id(1)] LegRole Role,
    [property: Id(2)] string PartyNumber,
    [property: Id(3)] string PartyName)
{
    public string Name => Channel.Name;

    public bool Live => !Channel.IsHungUp;

    public bool Principal => Role != LegRole.Spy;

    public bool IsRinging => Live && Channel.State == ChannelState.Ringing;

    // PartyNumber and PartyName: who this leg is to the other side (its connected line once bridged), the extension or
    // the outside party; not the leg's caller id, which on a called leg is the caller's identity, shown on the ringing phone.

    /// <summary>How the phone behind an extension leg behaves.</summary>
    [Id(4)] public PhoneBehaviour? Phone { get; init; }

    /// <summary>When the far end of this leg hangs up by itself after answering.</summary>
    [Id(5)] public Distribution? TalkTime { get; init; }

    /// <summary>The queue's offer this leg rings for (a queue member's leg).</summary>
    [Id(6)] public QueueOffer? Offer { get; init; }

    [Id(7)] public string? SpyTarget { get; init; }

    [Id(8)] public SpyMode SpyMode { get; init; }

    /// <summary>The cause a telephony fault will end this leg with (<see cref="TimerKind.FaultEndsLeg"/>).</summary>
    [Id(9)] public HangupCause? FaultCause { get; init; }

    /// <summary>The leg as its peer links to it: its name, with its party as the identity.</summary>
    public ChannelSnapshot AsParty() => Channel with { CallerIdNumber = PartyNumber, CallerIdName = PartyName };
}
