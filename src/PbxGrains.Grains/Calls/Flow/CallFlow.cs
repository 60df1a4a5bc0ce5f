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
                OnLeg(channel, hangup);
                break;
            case CallInput.LegRequest request:
                OnLeg(request.Channel, request);
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
            default:
                OnAnswer(input);
                break;
        }
    }

    /// <summary>What came of an ask: the flow goes on where it asked.</summary>
    private void OnAnswer(CallInput answer)
    {
        switch (answer)
        {
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

        // Answering a calling leg (in Ring: a phone that dials, a caller on the trunk) only brings it up; the call moves
        // on when a called leg answers.
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

    /// <summary>Asks another grain for something; the flow goes on with its answer, in a step of its own.</summary>
    private void Ask(CallEffect ask) => Emit(ask);

    /// <summary>Shows the call as it is at this point of the step.</summary>
    private void Publish() => Emit(new CallEffect.Publish(_call));

    private void StartTimer(Leg leg, TimerKind kind, TimeSpan delay) => Emit(new CallEffect.StartTimer(kind, leg.Name, delay));
}
