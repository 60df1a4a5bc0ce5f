using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>A call in a queue: it joins, the queue offers it to members, a member answers, the call leaves.</summary>
internal sealed partial class CallFlow
{
    private void EnterQueue(string queue)
    {
        var caller = _call.Caller!;
        _call = _call with
        {
            Phase = CallPhase.Queued,
            Queue = new QueueSeat(queue),
            Facts = _call.Facts with { LastApplication = "Queue" },
        };
        if (caller.Channel.State == ChannelState.Ring)
        {
            // app_queue answers the caller before it waits.
            caller = Set(caller with { Channel = ChannelMachine.Answer(caller.Channel, _now).Value! });
        }

        caller = Set(caller with { Channel = ChannelMachine.Describe(caller.Channel, c => c with { Application = "Queue", Queue = queue }).Value! });
        Ask(new CallEffect.JoinQueue(queue, new QueueEntry(_call.CallId, caller.Name, caller.Channel.CallerIdNumber, caller.Channel.CallerIdName, _now)));
    }

    private void OnQueueJoined(PbxResult<int> joined)
    {
        if (!joined.IsOk)
        {
            End(joined.Error == DomainError.QueueFull ? HangupCause.NormalClearing : HangupCause.UnallocatedNumber);
            return;
        }

        _call = _call with { Queue = _call.Queue! with { Waiting = true, Position = joined.Value } };
        if (_call.Inbound?.PatienceSeconds is { } patience && _call.Caller is { } caller)
        {
            StartTimer(caller, TimerKind.CallerGivesUp, TimeSpan.FromSeconds(patience));
        }
    }

    private void Offered(QueueOffer offer)
    {
        if (!_call.Started || _call.Phase != CallPhase.Queued || _call.Queue is not { Waiting: true } seat || seat.Name != offer.Queue)
        {
            // The caller left (or was never here): the queue must not keep the member reserved.
            Emit(new CallEffect.TellOfferResult(offer.Queue, offer.OfferId, false, null, _now));
            _reply = new CallReply(PbxResult.Ok, Publish: false);
            return;
        }

        // A member whose phone refuses at once ends its leg with the offer attached, which tells the queue.
        Ask(new CallEffect.OpenLeg(new QueueMemberLeg(offer, _call.Facts.Destination)));
        _reply = CallReply.Done;
    }

    private void ConnectQueueMember(Leg caller, Leg member)
    {
        var offer = member.Offer!;

        // The caller's patience ends here, before the bridge starts its talk timer.
        Emit(new CallEffect.CancelTimers(caller.Name));
        Bridge(caller.Name, member.Name);
        _call = _call with { Queue = _call.Queue! with { Waiting = false, Connected = true } };
        TellQueue(new CallEffect.TellOfferResult(offer.Queue, offer.OfferId, true, member.Name, _now));
    }

    /// <summary>Tells the queue the call has left it: abandoned while waiting, or completed once connected.</summary>
    private void LeaveQueue()
    {
        switch (_call.Queue)
        {
            case { Waiting: true } seat:
                _call = _call with { Queue = seat with { Waiting = false } };
                TellQueue(new CallEffect.TellQueueAbandoned(seat.Name, _now));
                break;
            case { Connected: true } seat:
                _call = _call with { Queue = seat with { Connected = false } };
                TellQueue(new CallEffect.TellQueueCompleted(seat.Name, _now));
                break;
        }
    }

    /// <summary>
    /// Tells the queue what became of this call once the legs' new states are published: the queue looks at its
    /// members' phones at once and must find the ones this call has just released free.
    /// </summary>
    private void TellQueue(CallEffect news)
    {
        Publish();
        Emit(news);
    }
}
