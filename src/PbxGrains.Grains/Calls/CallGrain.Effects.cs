using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Grains.Calls;

/// <summary>Feeding the flow and carrying out what it decides.</summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// Feeds one event to the flow, carries out what it decided and, when the request acted on the call, publishes what
    /// changed. The step happens at <paramref name="at"/> (a timer's due instant; else now), never before the call's
    /// previous step: on a scaled clock a timer is handled a little after it was due, and what it causes (an answer, a
    /// hang-up, the next timer) must not carry that lateness.
    /// </summary>
    private async Task<CallReply> ActAsync(CallInput input, DateTimeOffset? at = null)
    {
        var instant = at ?? clock.Now;
        _now = instant > _now ? instant : _now;
        var reply = await RunAsync(input) ?? CallReply.Done;
        if (reply.Publish)
        {
            await PublishAsync(_call);
        }

        // A call that ended, or never started, does not stay around.
        if (!_call.Started || _call.Phase == CallPhase.Ended)
        {
            DeactivateOnIdle();
        }

        return reply;
    }

    /// <summary>
    /// One step of the flow: the call moves on, then its effects are carried out in order. An ask's answer is fed back
    /// at once (its own effects carried out before the next of these), so the call goes through exactly the
    /// transitions it would if the flow could await. The last reply given, by this step or one it led to, answers.
    /// </summary>
    private async ValueTask<CallReply?> RunAsync(CallInput input)
    {
        var wasStarted = _call.Started;
        var step = CallFlow.Handle(_call, input, _now, _random);
        _call = step.Call;
        if (!wasStarted && _call.Started)
        {
            metrics.CallStarted();
        }

        var (effects, reply) = (step.Effects, step.Reply);
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i].Asks)
            {
                reply = await RunAsync(await AnswerOfAsync(effects[i])) ?? reply;
            }
            else if (CarryOut(effects[i]) is { } told)
            {
                await told;
            }
        }

        return reply;
    }

    /// <summary>Carries out an effect that needs no answer; when it tells another grain, the task to await.</summary>
    private Task? CarryOut(CallEffect effect)
    {
        var callId = _call.CallId;
        switch (effect)
        {
            case CallEffect.Publish publish:
                return PublishAsync(publish.Call);
            case CallEffect.StartTimer timer:
                _timers.Start(timer.Kind, timer.Leg, timer.Delay >= DateTimeOffset.MaxValue - _now ? DateTimeOffset.MaxValue : _now + timer.Delay);
                return null;
            case CallEffect.CancelTimers cancel:
                _timers.CancelLeg(cancel.Leg);
                return null;
            case CallEffect.CancelCallTimer cancel:
                _timers.CancelCall(cancel.Kind);
                return null;
            case CallEffect.StopTimers:
                _timers.Stop();
                return null;
            case CallEffect.TellOfferResult result:
                return Queue(result.Queue).OfferResultAsync(callId, result.OfferId, result.Answered, result.MemberChannel, result.At);
            case CallEffect.TellQueueAbandoned abandoned:
                return Queue(abandoned.Queue).AbandonAsync(callId, abandoned.At);
            case CallEffect.TellQueueCompleted completed:
                return Queue(completed.Queue).CompleteAsync(callId, completed.At);
            case CallEffect.ReleaseParkingSlot release:
                return ParkingLot(release.Lot).ReleaseAsync(release.Slot, release.Channel);
            case CallEffect.WriteCdr write:
                return WriteCdrAsync(write.Cdr);
            case CallEffect.FaultFired fired:
                metrics.TelephonyFaultFired(_tenant, fired.Rule.Kind);
                GrainFactory.Ref<IIncidentsGrain>(_tenant).FiredAsync(new FiredTelephonyFault(fired.Rule.Id, fired.Rule.Kind, callId, fired.Number, _now)).Ignore();
                logger.LogInformation("Fault {Rule} of {Tenant} fired on call {Call} for {Number}: {Kind}",
                    fired.Rule.Id, _tenant, callId, fired.Number, FaultKinds.NameOf(fired.Rule.Kind));
                return null;
            default:
                throw new InvalidOperationException($"call {callId}: no way to carry out {effect}");
        }
    }

    /// <summary>Asks another grain what the flow asked for; its answer, as the input the flow goes on with.</summary>
    private async ValueTask<CallInput> AnswerOfAsync(CallEffect ask)
    {
        switch (ask)
        {
            case CallEffect.OpenLeg open:
                return await OpenLegAsync(open.Order);
            case CallEffect.Resolve resolve:
                return new CallInput.Resolved(resolve.Channel, resolve.Number, await Tenant.ResolveAsync(resolve.Number));
            case CallEffect.JoinQueue join:
                return new CallInput.QueueJoined(await JoinQueueAsync(join.Queue, join.Entry));
            case CallEffect.LoadRingGroup group:
                return await LoadRingGroupAsync(group.Number);
            case CallEffect.FindParkingLot find:
                return new CallInput.ParkingLotFound(find.Channel, find.Lot, (await ParkingLot(find.Lot).GetAsync()).Config);
            case CallEffect.TakeParkingSlot take:
                return new CallInput.SlotTaken(take.Order, await ParkingLot(take.Order.Lot).ParkAsync(take.Order.View, null));
            case CallEffect.Then then:
                return then.Next;
            default:
                throw new InvalidOperationException($"call {_call.CallId}: no way to ask for {ask}");
        }
    }

    /// <summary>Writes the call's record (or hands it to the outbox when the store is slow) and counts its end.</summary>
    private async Task WriteCdrAsync(CdrRecord cdr)
    {
        await cdrs.AppendAsync(Shards.CdrKey(_tenant, DateOnly.FromDateTime(cdr.Start.UtcDateTime), _call.CallId), cdr);
        metrics.CallEnded(cdr.Disposition);
    }

    /// <summary>Finds what a new leg needs: its extension (unless it is a trunk leg or already known) and a sequence number for its name.</summary>
    private async ValueTask<CallInput> OpenLegAsync(LegOrder order)
    {
        ExtensionView? extension = null;
        if (!order.OnTrunk)
        {
            extension = order.Known ?? await Extension(order.Number).GetAsync();
            if (!extension.Exists)
            {
                return new CallInput.ExtensionMissing(order);
            }
        }

        return new CallInput.LegOpened(order, extension, await sequences.NextAsync(_tenant));
    }

    private async Task<PbxResult<int>> JoinQueueAsync(string queue, QueueEntry entry)
    {
        var joined = await Queue(queue).JoinAsync(entry);
        if (!joined.IsOk)
        {
            logger.LogDebug("Call {Call} could not join queue {Queue}: {Reason}", _call.CallId, queue, joined);
        }

        return joined;
    }

    private async Task<CallInput> LoadRingGroupAsync(string number)
    {
        var group = await GrainFactory.Ref<IRingGroupGrain>(TenantKey.Of(_tenant, number)).GetAsync();
        if (group is null)
        {
            return new CallInput.RingGroupLoaded(null, ImmutableDictionary<string, ExtensionView>.Empty);
        }

        var members = group.Members.Distinct(StringComparer.Ordinal).ToArray();
        var views = await Task.WhenAll(members.Select(m => Extension(m).GetAsync()));
        var extensions = members.Zip(views).Where(p => p.Second.Exists).ToImmutableDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return new CallInput.RingGroupLoaded(group, extensions);
    }
}
