using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// The rules of a call, one level above <see cref="ChannelMachine"/>: given the call and an event (a request, a timer,
/// what came of an earlier effect), the next call and the effects that carry the change out: open and ring a leg,
/// dial outside, start or cancel a timer, tell the queue or the parking lot, write the CDR, publish. It never awaits
/// and touches nothing outside the call: what it needs from another grain it asks for with an effect, and the answer
/// comes back as an event. Its only other inputs are the time and the call's source of random draws.
/// <para>
/// One instance decides one event and is thrown away; the partial files hold the rules by feature.
/// </para>
/// </summary>
internal sealed partial class CallFlow
{
    private readonly DateTimeOffset _now;
    private readonly Random _random;
    private readonly List<CallEffect> _effects = [];
    private CallState _call;
    private CallReply? _reply;

    // Set once an ask is among the effects: what follows an ask happens after its answer, so the call this step shows
    // would be out of date by then. A step publishes before it asks.
    private bool _asked;

    private CallFlow(CallState call, DateTimeOffset now, Random random)
    {
        _call = call;
        _now = now;
        _random = random;
    }

    public static CallStep Handle(CallState call, CallInput input, DateTimeOffset now, Random random)
    {
        var flow = new CallFlow(call, now, random);
        flow.On(input);
        return new CallStep(flow._call, flow._effects, flow._reply);
    }

    private void On(CallInput input)
    {
        switch (input)
        {
            case CallInput.Originate originate:
                Originate(originate);
                break;
            case CallInput.Dial dial:
                Dial(dial);
                break;
            case CallInput.Inbound inbound:
                Inbound(inbound);
                break;
            case CallInput.IntoContext context:
                IntoContext(context);
                break;
            case CallInput.Hangup { Channel: null } hangup:
                HangupCall(hangup.Cause);
                break;
            case CallInput.Hangup { Channel: { } channel } hangup:
                OnLeg(channel, input);
                break;
            case CallInput.Answer { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.Reject { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.Hold { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.Unhold { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.SetVariable { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.SetRecording { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.Redirect { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.Park { Channel: var channel }:
                OnLeg(channel, input);
                break;
            case CallInput.JoinParked join:
                JoinParked(join);
                break;
            case CallInput.Spy spy:
                Spy(spy.Request);
                break;
            case CallInput.QueueOffered offered:
                Offered(offered.Offer);
                break;
            case CallInput.TimerFired timer:
                OnTimer(timer.Kind, timer.Leg);
                _reply = CallReply.Done;
                break;
            case CallInput.LegOpened opened:
                OnLegOpened(opened);
                break;
            case CallInput.ExtensionMissing missing:
                OnExtensionMissing(missing.Order);
                break;
            case CallInput.Resolved resolved:
                RedirectTo(resolved);
                break;
            case CallInput.QueueJoined joined:
                OnQueueJoined(joined.Result);
                break;
            case CallInput.RingGroupLoaded group:
                OnRingGroupLoaded(group);
                break;
            case CallInput.ParkingLotFound lot:
                OnParkingLotFound(lot);
                break;
            case CallInput.SlotTaken taken:
                OnSlotTaken(taken);
                break;
            case CallInput.WaveRung:
                OnWaveRung();
                break;
        }
    }

    /// <summary>Runs a request on one live leg of the call; once it reached the leg, the call publishes whatever came of it.</summary>
    private void OnLeg(string channel, CallInput request)
    {
        if (!_call.Started)
        {
            _reply = CallReply.Refused(DomainError.ChannelNotFound, channel);
            return;
        }

        if (_call.Find(channel) is not { } leg)
        {
            _reply = CallReply.Refused(DomainError.ChannelNotFound, channel);
            return;
        }

        if (!leg.Live || _call.Phase == CallPhase.Ended)
        {
            _reply = CallReply.Refused(DomainError.CallEnded, $"{channel} has hung up");
            return;
        }

        // A request that asks another grain (redirect, park) replies again once the answer is back.
        _reply = CallReply.Acted(request switch
        {
            CallInput.Answer => Answer(leg),
            CallInput.Reject => Reject(leg),
            CallInput.Hangup hangup => EndLeg(leg, hangup.Cause),
            CallInput.Hold => Change(leg, ChannelMachine.Hold(leg.Channel)),
            CallInput.Unhold => Change(leg, ChannelMachine.Unhold(leg.Channel)),
            CallInput.SetVariable variable => Change(leg, ChannelMachine.SetVariable(leg.Channel, variable.Name, variable.Value)),
            CallInput.SetRecording recording => SetRecording(leg, recording.On, recording.File),
            CallInput.Redirect redirect => Redirect(leg, redirect.Number),
            CallInput.Park park => Park(leg, park.Lot),
            _ => PbxResult.Fail(DomainError.IllegalTransition, $"{request} is not a request on a leg"),
        });
    }

    private PbxResult Answer(Leg leg)
    {
        var answered = ChannelMachine.Answer(leg.Channel, _now);
        if (!answered.IsOk)
        {
            return answered.AsResult();
        }

        // A calling leg (an inbound caller in Ring) is answered by the PBX; nothing follows from it.
        var wasCallingSide = leg.Channel.State == ChannelState.Ring;
        leg = Set(leg with { Channel = answered.Value! });
        if (!wasCallingSide)
        {
            OnAnswered(leg);
        }

        return PbxResult.Ok;
    }

    private PbxResult Reject(Leg leg)
    {
        var busy = ChannelMachine.Busy(leg.Channel);
        if (!busy.IsOk)
        {
            return busy.AsResult();
        }

        return EndLeg(Set(leg with { Channel = busy.Value! }), HangupCause.CallRejected);
    }

    private PbxResult SetRecording(Leg leg, bool on, string? file)
    {
        var next = ChannelMachine.SetRecording(leg.Channel, on, file);
        if (next.IsOk && on)
        {
            _call = _call with { Facts = _call.Facts with { RecordingFile = next.Value!.RecordingFile } };
        }

        return Change(leg, next);
    }

    private PbxResult Change(Leg leg, PbxResult<ChannelSnapshot> next)
    {
        if (next.IsOk)
        {
            Set(leg with { Channel = next.Value! });
        }

        return next.AsResult();
    }

    private void HangupCall(HangupCause cause)
    {
        if (!_call.Started || _call.Phase == CallPhase.Ended)
        {
            _reply = CallReply.Refused(DomainError.CallNotFound, _call.CallId);
            return;
        }

        End(cause);

        // The end has published the call as it left it.
        _reply = new CallReply(PbxResult.Ok, Publish: false);
    }

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
                    TellQueue(new CallEffect.TellOfferResult(offer.Queue, offer.OfferId, false, null));
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

        _call = _call with { Facts = _call.Facts with { EndCause = _call.Facts.EndCause ?? cause } };
        foreach (var leg in _call.Legs)
        {
            if (Leg(leg.Name).Live)
            {
                DropLeg(leg.Name, HangupCause.NormalClearing);
            }
        }

        CancelWaveTimer();
        Unpark(null);
        _call = _call with { Phase = CallPhase.Ended };

        // The CDR is written before the call leaves the listings, so a call that is no longer listed has its record.
        Emit(new CallEffect.WriteCdr(CallRecord.Of(_call, _now)));
        Emit(new CallEffect.StopTimers());
        LeaveQueue();
        Publish();
    }

    private Leg Leg(string name) => _call.Find(name) ?? throw new InvalidOperationException($"call {_call.CallId} has no leg {name}");

    /// <summary>Replaces the leg of the same name.</summary>
    private Leg Set(Leg leg)
    {
        var legs = _call.Legs;
        for (var i = 0; i < legs.Length; i++)
        {
            if (legs[i].Name == leg.Name)
            {
                _call = _call with { Legs = legs.SetItem(i, leg) };
                return leg;
            }
        }

        throw new InvalidOperationException($"call {_call.CallId} has no leg {leg.Name}");
    }

    private Leg Add(Leg leg)
    {
        _call = _call with { Legs = _call.Legs.Add(leg) };
        return leg;
    }

    private void Emit(CallEffect effect)
    {
        if (effect is CallEffect.Publish && _asked)
        {
            throw new InvalidOperationException("A step publishes before it asks: after an ask, the call it would show is out of date.");
        }

        _asked |= effect.Asks;
        _effects.Add(effect);
    }

    /// <summary>Shows the call as it is at this point of the step.</summary>
    private void Publish() => Emit(new CallEffect.Publish(_call));

    private void StartTimer(Leg leg, TimerKind kind, TimeSpan delay) => Emit(new CallEffect.StartTimer(kind, leg.Name, delay));
}
