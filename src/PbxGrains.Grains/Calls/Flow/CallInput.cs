using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// An event the call's flow reacts to: a request that starts the call (with what the grain loaded for it), a request
/// on the live call, a timer, or what came of an effect the flow asked its grain to carry out.
/// </summary>
internal abstract record CallInput
{
    private CallInput()
    {
    }

    // Starting a call: the grain has loaded the tenant's settings and what the request names.
    public sealed record Originate(OriginateRequest Request, TenantSettings Settings, ExtensionView Source, Destination Destination) : CallInput;

    public sealed record Dial(DialRequest Request, TenantSettings Settings, ExtensionView Phone, Destination Destination) : CallInput;

    public sealed record Inbound(InboundCallRequest Request, TenantSettings Settings, Destination Destination) : CallInput;

    public sealed record IntoContext(ContextCallRequest Request, TenantSettings Settings) : CallInput;

    // Requests on the live call.

    /// <summary>A request on one leg of the call, which must be live.</summary>
    public abstract record LegRequest(string Channel) : CallInput;

    public sealed record Answer(string Channel) : LegRequest(Channel);

    public sealed record Reject(string Channel) : LegRequest(Channel);

    public sealed record Hold(string Channel) : LegRequest(Channel);

    public sealed record Unhold(string Channel) : LegRequest(Channel);

    public sealed record SetVariable(string Channel, string Name, string Value) : LegRequest(Channel);

    public sealed record SetRecording(string Channel, bool On, string? File) : LegRequest(Channel);

    public sealed record Redirect(string Channel, string Number) : LegRequest(Channel);

    public sealed record Park(string Channel, string Lot) : LegRequest(Channel);

    /// <summary>One leg hangs up (and whatever the call cannot go on without), or the whole call when no channel is given.</summary>
    public sealed record Hangup(string? Channel, HangupCause Cause) : CallInput;

    public sealed record JoinParked(string Extension, int Slot, bool OffHook) : CallInput;

    public sealed record Spy(SpyRequest Request) : CallInput;

    /// <summary>The queue the call waits in asks it to ring a member.</summary>
    public sealed record QueueOffered(QueueOffer Offer) : CallInput;

    /// <summary>A timer of the call fired; <paramref name="Leg"/> is empty for the call's own timers.</summary>
    public sealed record TimerFired(TimerKind Kind, string Leg) : CallInput;

    // What came of an effect.

    /// <summary>A leg the flow ordered can be opened: its extension (null for a trunk leg) and the sequence number its name takes.</summary>
    public sealed record LegOpened(LegOrder Order, ExtensionView? Extension, long Sequence) : CallInput;

    /// <summary>The extension a leg was ordered for does not exist.</summary>
    public sealed record ExtensionMissing(LegOrder Order) : CallInput;

    /// <summary>What the number a leg is redirected to reaches.</summary>
    public sealed record Resolved(string Channel, string Number, Destination Target) : CallInput;

    /// <summary>The queue's answer to the call joining it: the caller's position, or why not.</summary>
    public sealed record QueueJoined(PbxResult<int> Result) : CallInput;

    /// <summary>The ring group (null when there is none by that number) and its members that are extensions.</summary>
    public sealed record RingGroupLoaded(RingGroupConfig? Group, ImmutableDictionary<string, ExtensionView> Members) : CallInput;

    public sealed record ParkingLotFound(string Channel, string Lot, ParkingLotConfig Config) : CallInput;

    /// <summary>The lot's answer to parking the leg: the slot, or why not.</summary>
    public sealed record SlotTaken(ParkingOrder Order, PbxResult<int> Result) : CallInput;

    /// <summary>Every member of the wave that rings has been rung (or refused).</summary>
    public sealed record WaveRung : CallInput;
}
