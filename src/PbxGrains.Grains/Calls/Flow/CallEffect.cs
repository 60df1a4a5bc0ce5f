using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// Something the flow's grain carries out, in the order the flow gave. Most are done and forgotten; an ask
/// (<see cref="Asks"/>) needs an answer from another grain, which the grain feeds back to the flow as a
/// <see cref="CallInput"/> before it carries out the next effect.
/// </summary>
internal abstract record CallEffect
{
    private CallEffect()
    {
    }

    public bool Asks => this is OpenLeg or Resolve or JoinQueue or LoadRingGroup or FindParkingLot or TakeParkingSlot or Then;

    // Showing the call.

    /// <summary>Sends the legs that changed to their readers and the call to its shard, as <paramref name="Call"/> shows them.</summary>
    public sealed record Publish(CallState Call) : CallEffect;

    // The call's timers, on the call model's clock.

    /// <summary>Starts a timer of a leg, or of the call itself when <paramref name="Leg"/> is empty.</summary>
    public sealed record StartTimer(TimerKind Kind, string Leg, TimeSpan Delay) : CallEffect;

    /// <summary>Cancels every timer of the leg.</summary>
    public sealed record CancelTimers(string Leg) : CallEffect;

    public sealed record CancelCallTimer(TimerKind Kind) : CallEffect;

    /// <summary>The call has ended: no timer of it may fire.</summary>
    public sealed record StopTimers : CallEffect;

    // Telling other grains: awaited, nothing comes back.
    public sealed record TellOfferResult(string Queue, long OfferId, bool Answered, string? MemberChannel, DateTimeOffset At) : CallEffect;

    /// <summary>The caller left the queue while waiting.</summary>
    public sealed record TellQueueAbandoned(string Queue, DateTimeOffset At) : CallEffect;

    /// <summary>The caller's call with its member is over: the member is free.</summary>
    public sealed record TellQueueCompleted(string Queue, DateTimeOffset At) : CallEffect;

    public sealed record ReleaseParkingSlot(string Lot, int Slot, string Channel) : CallEffect;

    public sealed record WriteCdr(CdrRecord Cdr) : CallEffect;

    /// <summary>A telephony fault fired on this call (for <paramref name="Number"/>): counted and logged.</summary>
    public sealed record FaultFired(FaultRule Rule, string Number) : CallEffect;

    // Asking: the answer comes back as an input.

    /// <summary>Finds the extension the leg is for (unless it is a trunk leg or already known) and a sequence number for its name.</summary>
    public sealed record OpenLeg(LegOrder Order) : CallEffect;

    public sealed record Resolve(string Channel, string Number) : CallEffect;

    public sealed record JoinQueue(string Queue, QueueEntry Entry) : CallEffect;

    public sealed record LoadRingGroup(string Number) : CallEffect;

    public sealed record FindParkingLot(string Channel, string Lot) : CallEffect;

    public sealed record TakeParkingSlot(ParkingOrder Order) : CallEffect;

    /// <summary>Feeds <paramref name="Next"/> back to the flow once the effects before it (and what came of them) are done.</summary>
    public sealed record Then(CallInput Next) : CallEffect;
}

/// <summary>A leg the flow wants opened, and what for: the flow goes on with it once the grain has what the leg needs.</summary>
internal abstract record LegOrder(string Number)
{
    /// <summary>A leg on the trunk: nothing to look up but its sequence number.</summary>
    public virtual bool OnTrunk => false;

    /// <summary>The extension, when the grain has already loaded it (to check the request that starts the call).</summary>
    public virtual ExtensionView? Known => null;
}

/// <summary>An originate's source, rung first.</summary>
internal sealed record SourceLeg(OriginateRequest Request, ExtensionView Source) : LegOrder(Source.Config.Number)
{
    public override ExtensionView? Known => Source;
}

/// <summary>The phone that dials, off hook.</summary>
internal sealed record PhoneLeg(DialRequest Request, ExtensionView Phone, Destination Destination) : LegOrder(Phone.Config.Number)
{
    public override ExtensionView? Known => Phone;
}

/// <summary>An inbound call's leg on the trunk.</summary>
internal sealed record TrunkCallerLeg(InboundCallRequest Request, Destination Destination) : LegOrder(Request.CallerIdNumber)
{
    public override bool OnTrunk => true;
}

/// <summary>An outside number dialled on the trunk: a destination, a ring group member, or the number a call into a context calls.</summary>
internal sealed record OutsideLeg(string Number, LegRole Role, int? RingTimeoutSeconds, ContextCallRequest? IntoContext = null) : LegOrder(Number)
{
    public override bool OnTrunk => true;
}

/// <summary>The extension the call was dialled to.</summary>
internal sealed record DestinationLeg(string Number, string Exten, int? RingTimeoutSeconds) : LegOrder(Number);

/// <summary>A ring group member; one that is no extension of the tenant is an outside number.</summary>
internal sealed record WaveMemberLeg(string Number, string Exten, int RingTimeoutSeconds) : LegOrder(Number);

/// <summary>The member a queue offers the call to.</summary>
internal sealed record QueueMemberLeg(QueueOffer Offer, string Exten) : LegOrder(Offer.Extension);

internal sealed record SpyLeg(SpyRequest Request) : LegOrder(Request.SpyExtension);

/// <summary>An extension picking up the parked call: one that asked to, or the one that parked it, rung back.</summary>
internal sealed record JoinerLeg(string Number, bool OffHook, bool RingBack) : LegOrder(Number);

/// <summary>A leg to park: the lot, the picture the lot keeps, and what the call needs once it has a slot.</summary>
internal sealed record ParkingOrder(string Channel, string Lot, ParkedCallView View, int TimeoutSeconds);
