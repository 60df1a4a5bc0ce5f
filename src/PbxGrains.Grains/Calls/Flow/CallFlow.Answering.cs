using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>What follows when a leg answers, ends or its timer fires, and how the call ends.</summary>
internal sealed partial class CallFlow
{
    /// <summary>A ringing leg was answered.</summary>
    private void OnAnswered(Leg leg)
    {
        Emit(new CallEffect.CancelTimers(leg.Name));
        var caller = _call.Caller;
        switch (leg.Role)
        {
            case LegRole.Caller when _call.Phase == CallPhase.Setup && _call.Plan.AnswerContext is not null:
                EnterContext(leg);
                break;
            case LegRole.Caller when _call.Phase == CallPhase.Setup:
                // The originate's source picked up: now dial where it wanted to go.
                _call = _call with { Phase = CallPhase.Dialing };
                Set(leg with { Channel = ChannelMachine.Describe(leg.Channel, c => c with { Application = "Dial" }).Value! });
                DialDestination(_call.Plan.Destination!);
                break;
            case LegRole.Callee when _call.Phase == CallPhase.Dialing && caller is not null:
                Bridge(caller.Name, leg.Name);
                break;
            case LegRole.QueueMember when _call.Phase == CallPhase.Queued && caller is not null:
                ConnectQueueMember(caller, leg);
                break;
            case LegRole.Joiner when _call.Phase == CallPhase.Parked && caller is not null:
                Unpark(caller.Name);
                Bridge(caller.Name, leg.Name);
                break;
            case LegRole.Spy:
                StartSpying(leg);
                break;
            default:
                // Answered too late: the call has moved on (another member answered first).
                DropLeg(leg.Name, HangupCause.NormalClearing);
                break;
        }
    }

    /// <summary>Connects the caller with the leg that answered and releases every other leg still ringing for it.</summary>
    private void Bridge(string callerName, string answeredName)
    {
        CancelWaveTimer();
        var caller = Leg(callerName);
        if (caller.Channel.State == ChannelState.Ring)
        {
            Set(caller with { Channel = ChannelMachine.Answer(caller.Channel, _now).Value! });
        }

        foreach (var other in _call.Legs)
        {
            if (other.Name != answeredName && Leg(other.Name) is { Principal: true, IsRinging: true })
            {
                DropLeg(other.Name, HangupCause.NormalClearing);
            }
        }

        // Each side shows the other party as its connected line.
        caller = Leg(callerName);
        var answered = Leg(answeredName);
        var application = caller.Channel.Application == "Queue" ? "Queue" : "Dial";
        caller = Set(caller with { Channel = ChannelMachine.Link(caller.Channel, answered.AsParty(), application).Value! });
        answered = Set(answered with { Channel = ChannelMachine.Link(answered.Channel, caller.AsParty(), "AppDial").Value! });
        _call = _call with
        {
            Phase = CallPhase.Connected,
            Facts = _call.Facts with { Answered = _call.Facts.Answered ?? _now, AnsweredLeg = answered.Name },
        };
        StartTalking(caller);
        StartTalking(answered);

        // A drop (telephony fault) ends the answered side mid-talk, unless the talk ends first.
        DropsMidTalk(answered);
    }

    /// <summary>Hangs the leg up and lets the call react.</summary>
    private PbxResult EndLeg(Leg leg, HangupCause cause)
    {
        if (!leg.Live)
        {
            return PbxResult.Ok;
        }

        DropLeg(leg.Name, cause);
        OnLegEnded(leg, cause);
        return PbxResult.Ok;
    }

    /// <summary>What the call does when one of its legs has ended.</summary>
    private void OnLegEnded(Leg leg, HangupCause cause)
    {
        switch (leg.Role)
        {
            case LegRole.Spy:
                return;
            case LegRole.Caller:
                End(cause);
                return;
            case LegRole.QueueMember when _call.Phase == CallPhase.Queued:
                if (leg.Offer is { } offer)
                {
                    TellQueue(new CallEffect.TellOfferResult(offer.Queue, offer.OfferId, false, null, _now));
                }

                return;
            case LegRole.Joiner when _call.Phase == CallPhase.Parked:
                WaitInSlotAgain();
                return;
            case LegRole.Callee when _call.Phase == CallPhase.Dialing:
                if (_call.Waves is { SettingUp: true } || _call.HasLive(LegRole.Callee))
                {
                    return;
                }

                if (_call.Waves is { HasNext: true })
                {
                    NextWave();
                    return;
                }

                End(cause);
                return;
            default:
                // A bridged party hung up: its peer goes too.
                if (_call.Phase == CallPhase.Connected)
                {
                    End(cause);
                }

                return;
        }
    }

    /// <summary>
    /// Hangs the leg up without consequences for the rest of the call (the caller of this decides them), except its
    /// spies: a spy has nothing to listen to once its target is gone, however the target left.
    /// </summary>
    private void DropLeg(string name, HangupCause cause)
    {
        Emit(new CallEffect.CancelTimers(name));
        var leg = Leg(name);
        if (leg.Live)
        {
            Set(leg with { Channel = ChannelMachine.Hangup(leg.Channel, cause).Value! });
        }

        foreach (var spy in _call.Legs)
        {
            if (spy.Role == LegRole.Spy && spy.SpyTarget == name && Leg(spy.Name).Live)
            {
                DropLeg(spy.Name, HangupCause.NormalClearing);
            }
        }
    }

    private void OnTimer(TimerKind kind, string name)
    {
        var leg = name.Length > 0 ? _call.Find(name) : null;
        switch (kind)
        {
            case TimerKind.RingTimeout when leg is { IsRinging: true }:
                EndLeg(leg, HangupCause.NoAnswer);
                break;
            case TimerKind.PhoneAnswers when leg is { IsRinging: true }:
                OnAnswered(Set(leg with { Channel = ChannelMachine.Answer(leg.Channel, _now).Value! }));
                break;
            case TimerKind.PhoneRejects when leg is { IsRinging: true }:
                EndLeg(Set(leg with { Channel = ChannelMachine.Busy(leg.Channel).Value! }), HangupCause.CallRejected);
                break;
            case TimerKind.RemoteBusy when leg is { IsRinging: true }:
                EndLeg(Set(leg with { Channel = ChannelMachine.Busy(leg.Channel).Value! }), HangupCause.UserBusy);
                break;
            case TimerKind.RemoteCongestion when leg is { IsRinging: true }:
                EndLeg(leg, HangupCause.Congestion);
                break;
            case TimerKind.TalkEnds when leg is { Live: true }:
                EndLeg(leg, HangupCause.NormalClearing);
                break;
            case TimerKind.FaultEndsLeg when leg is { Live: true, FaultCause: { } cause }:
                EndLeg(leg, cause);
                break;
            case TimerKind.CallerGivesUp when leg is { Live: true } && _call.Queue is { Waiting: true }:
                EndLeg(leg, HangupCause.NormalClearing);
                break;
            case TimerKind.WaveEnds:
                OnWaveEnds();
                break;
            case TimerKind.ParkTimeout:
                OnParkTimeout();
                break;
        }
    }

    /// <summary>Ends the call: every leg hangs up, the parking lot and the queue are told, the CDR is written.</summary>
    private void End(HangupCause cause)
    {
        if (_call.Phase == CallPhase.Ended)
        {
            return;
        }

        foreach (var leg in _call.Legs)
        {
            if (Leg(leg.Name).Live)
            {
                DropLeg(leg.Name, HangupCause.NormalClearing);
            }
        }

        CancelWaveTimer();
        Unpark(null);
        _call = _call with { Phase = CallPhase.Ended, Facts = _call.Facts with { EndCause = _call.Facts.EndCause ?? cause } };

        // The CDR is written before the call leaves the listings, so a call that is no longer listed has its record.
        Emit(new CallEffect.WriteCdr(CallRecord.Of(_call, _now)));
        Emit(new CallEffect.StopTimers());
        LeaveQueue();
        Publish();
    }
}
