using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A call (key <c>{tenant}/{unique id of its first leg}</c>): the bridge and the single owner of its legs. Every
/// transition that touches a leg goes through it. It awaits only grains that never call a call back (extensions,
/// parking lots, ring groups, queues, CDR logs, id allocators); it talks to other calls one way only.
/// </summary>
[Alias("pbx.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    [Alias("Originate")]
    Task<PbxResult<CallSnapshot>> OriginateAsync(OriginateRequest request);

    [Alias("Dial")]
    Task<PbxResult<CallSnapshot>> DialAsync(DialRequest request);

    [Alias("Inbound")]
    Task<PbxResult<CallSnapshot>> InboundAsync(InboundCallRequest request);

    /// <summary>The PBX dials an outside number and, once it answers, hands the call to a dialplan context.</summary>
    [Alias("DialIntoContext")]
    Task<PbxResult<CallSnapshot>> DialIntoContextAsync(ContextCallRequest request);

    /// <summary>
    /// Adds a spy leg to this call (the call of the target channel): rings the spy's extension and, once answered,
    /// listens to, whispers into or barges into the target. The spy leg ends when the target does.
    /// </summary>
    [Alias("Spy")]
    Task<PbxResult<CallSnapshot>> SpyAsync(SpyRequest request);

    /// <summary>The phone (or the far end of a trunk leg) answers a ringing leg.</summary>
    [Alias("Answer")]
    Task<PbxResult> AnswerAsync(string channel);

    /// <summary>The phone declines a ringing leg.</summary>
    [Alias("Reject")]
    Task<PbxResult> RejectAsync(string channel);

    /// <summary>Hangs up one leg (and whatever the call cannot go on without), or the whole call when no channel is given.</summary>
    [Alias("Hangup")]
    Task<PbxResult> HangupAsync(string? channel, HangupCause cause);

    [Alias("Hold")]
    Task<PbxResult> HoldAsync(string channel);

    [Alias("Unhold")]
    Task<PbxResult> UnholdAsync(string channel);

    /// <summary>Blind transfer: the leg's peer leaves and the leg is connected to a new destination.</summary>
    [Alias("Redirect")]
    Task<PbxResult> RedirectAsync(string channel, string destination);

    /// <summary>Parks a leg in the lot and returns the slot; the peer that parked it leaves the call.</summary>
    [Alias("Park")]
    Task<PbxResult<int>> ParkAsync(string channel, string lot);

    /// <summary>Rings <paramref name="extension"/> and bridges it to this call's parked leg once answered.</summary>
    /// <param name="extension">The extension that takes the parked call.</param>
    /// <param name="slot">The parking slot the call waits in.</param>
    /// <param name="offHook">The extension's phone is already off hook (it dialled the slot): no ringing.</param>
    [Alias("JoinParked")]
    Task<PbxResult<CallSnapshot>> JoinParkedAsync(string extension, int slot, bool offHook);

    [Alias("SetVariable")]
    Task<PbxResult> SetVariableAsync(string channel, string name, string value);

    [Alias("SetRecording")]
    Task<PbxResult> SetRecordingAsync(string channel, bool on, string? file);

    /// <summary>The queue this call waits in asks it to ring a member.</summary>
    [OneWay, Alias("Offer")]
    Task OfferAsync(QueueOffer offer);

    /// <summary>A timer of this call fired (timers run on the injected clock and come back as messages).</summary>
    [OneWay, Alias("OnTimer")]
    Task OnTimerAsync(long timerId);

    [ReadOnly, Alias("Get")]
    Task<CallSnapshot?> GetAsync();
}
