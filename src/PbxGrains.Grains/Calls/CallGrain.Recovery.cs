using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A call after the loss of a silo. Calls are live only, as on a PBX: a call whose silo died is gone, and what other
/// grains still show of it must end. Two cases, both driven from the holders' side by <c>SiloLossWatcher</c>:
/// <list type="bullet">
/// <item>The call died. Each holder (channel address, extension, queue, parking lot, live-call shard) asks it one way
/// (<see cref="ICallRecovery.CheckReferenceAsync"/>); the question activates a call with no live state, which ends what
/// that holder shows through the call's ordinary forward edges (it awaits the channel address, the extension, the
/// queue, the lot: none of them awaits a call) and goes away. Nothing awaits a call, so the waiting graph is unchanged.</item>
/// <item>The call lives but a holder died with its copy. The live call publishes its legs and its picture again (the
/// readers drop what they already have, by version) and takes its place in its queue or parking slot again.</item>
/// </list>
/// </summary>
public sealed partial class CallGrain : ICallRecovery, ISiloLossListener
{
    /// <summary>
    /// The cause the surviving legs of a lost call hang up with: the network that carried the call failed (Q.850 38,
    /// which Asterisk also gives when the far side of a call disappears).
    /// </summary>
    public const HangupCause LostCallCause = HangupCause.NetworkOutOfOrder;

    public async Task CheckReferenceAsync(CallReference reference)
    {
        if (_call.Started)
        {
            // Alive (or ending now, in which case its own final pictures reach the holder).
            return;
        }

        logger.LogInformation("Call {Call} of {Tenant} was lost with its silo; ending what its {Holder} still shows", _call.CallId, _tenant, reference.Holder);
        try
        {
            await EndLostAsync(reference);
        }
        catch (Exception error)
        {
            // The next round of the watcher asks again.
            logger.LogWarning(error, "Call {Call} of {Tenant}: could not end what its {Holder} shows", _call.CallId, _tenant, reference.Holder);
        }
        finally
        {
            ForgetIfUnused();
        }
    }

    private async Task EndLostAsync(CallReference reference)
    {
        switch (reference.Holder)
        {
            case CallHolder.Channel when reference.Channel is { } channel && ChannelMachine.Hangup(channel, LostCallCause).Value is { } ended:
                await GrainFactory.Ref<IChannelGrain>(TenantKey.Of(_tenant, channel.Name)).PublishAsync(ended);
                break;
            case CallHolder.Extension when reference.Channel is { EndpointKind: EndpointKind.Extension } channel
                                           && ChannelMachine.Hangup(channel, LostCallCause).Value is { } ended:
                await Extension(channel.Endpoint).OnChannelChangedAsync(ended, clock.Now);
                break;
            case CallHolder.Queue when reference.Queue is { } queue:
                // Whichever applies: a waiting caller abandons, a connected one completes and frees its member.
                await Queue(queue).AbandonAsync(_call.CallId, clock.Now);
                await Queue(queue).CompleteAsync(_call.CallId, clock.Now);
                break;
            case CallHolder.ParkingLot when reference.Parked is { } parked:
                await ParkingLot(parked.Lot).ReleaseAsync(parked.Slot, parked.Channel);
                break;
            case CallHolder.LiveCalls when reference.Call is { } call:
                GrainFactory.Ref<ILiveCallsGrain>(Shards.LiveCallsKey(_tenant, _call.CallId))
                    .PublishAsync(call with { Phase = CallPhase.Ended, Legs = [], Version = call.Version + 1 }).Ignore();
                break;
        }
    }

    public async Task OnSiloLostAsync()
    {
        if (!_call.Started || _call.Phase == CallPhase.Ended)
        {
            ForgetIfUnused();
            return;
        }

        // Readers keep the newest version they have, so sending the same pictures again changes only the ones that
        // were lost and came back empty.
        var live = _call.Legs.Where(l => l.Live).Select(l => l.Channel).ToList();
        await TellReadersAsync(live.Select(c => GrainFactory.Ref<IChannelGrain>(TenantKey.Of(_tenant, c.Name)).PublishAsync(c)));
        await TellReadersAsync(live.Where(c => c.EndpointKind == EndpointKind.Extension).Select(c => Extension(c.Endpoint).OnChannelChangedAsync(c, _now)));
        GrainFactory.Ref<ILiveCallsGrain>(Shards.LiveCallsKey(_tenant, _call.CallId)).PublishAsync(Snapshot()).Ignore();

        try
        {
            if (_call.Queue is { Waiting: true } seat && _call.Caller is { } caller)
            {
                // Joining again is a no-op for a queue that still holds the caller; a queue that was lost takes it back.
                await Queue(seat.Name).JoinAsync(new QueueEntry(_call.CallId, caller.Name, caller.Channel.CallerIdNumber, caller.Channel.CallerIdName));
            }

            if (_call.Parked is { } parked && _call.Find(parked.Channel) is { Live: true } leg)
            {
                // A lost lot comes back empty: the parked call takes its slot again (refused if someone took it meanwhile).
                await ParkingLot(parked.Lot).ParkAsync(
                    new ParkedCallView(parked.Slot, leg.Name, _call.CallId, leg.Channel.CallerIdNumber, leg.Channel.CallerIdName, clock.Now, parked.ParkedBy, parked.Lot),
                    parked.Slot);
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Call {Call} of {Tenant} could not retake its place after a silo was lost", _call.CallId, _tenant);
        }
    }
}
