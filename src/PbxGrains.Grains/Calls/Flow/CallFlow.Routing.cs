using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>Where a call goes: its destination, and a blind transfer to a new one.</summary>
internal sealed partial class CallFlow
{
    private void DialDestination(Destination destination)
    {
        // Dialling makes Dial the call's last application (a queue names itself once the caller is in it).
        var dials = destination.Kind is DestinationKind.Extension or DestinationKind.External or DestinationKind.RingGroup;
        _call = _call with { Facts = _call.Facts with { Destination = destination.Number, LastApplication = dials ? "Dial" : _call.Facts.LastApplication } };
        switch (destination.Kind)
        {
            case DestinationKind.Extension:
                Ask(new CallEffect.OpenLeg(new DestinationLeg(destination.Key, destination.Number, _call.Plan.RingTimeoutSeconds)));
                break;
            case DestinationKind.External:
                Ask(new CallEffect.OpenLeg(new OutsideLeg(destination.Key, LegRole.Callee, _call.Plan.RingTimeoutSeconds)));
                break;
            case DestinationKind.Queue:
                EnterQueue(destination.Key);
                break;
            case DestinationKind.RingGroup:
                Ask(new CallEffect.LoadRingGroup(destination.Key));
                break;
            default:
                End(HangupCause.UnallocatedNumber);
                break;
        }
    }

    private PbxResult Redirect(Leg leg, string number)
    {
        if (leg.Role == LegRole.Spy || leg.Channel.State is not (ChannelState.Up or ChannelState.Ring))
        {
            return PbxResult.Fail(DomainError.ChannelNotUp, $"{leg.Name} is {leg.Channel.State}; only an answered or calling channel can be redirected");
        }

        Ask(new CallEffect.Resolve(leg.Name, number));
        return PbxResult.Ok;
    }

    /// <summary>Blind transfer: everyone else leaves, the leg becomes the caller of a new dial.</summary>
    private void RedirectTo(CallInput.Resolved resolved)
    {
        if (resolved.Target.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot)
        {
            _reply = CallReply.Acted(PbxResult.Fail(DomainError.DestinationNotFound, $"{resolved.Number} is not a number this PBX can redirect to"));
            return;
        }

        var name = resolved.Channel;
        Unpark(name);
        CancelWaveTimer();
        _call = _call with { Waves = null };
        foreach (var other in _call.Legs)
        {
            if (other.Name != name && Leg(other.Name) is { Live: true, Principal: true })
            {
                DropLeg(other.Name, HangupCause.NormalClearing);
            }
        }

        LeaveQueue();

        Emit(new CallEffect.CancelTimers(name));
        var leg = Leg(name);
        Set(leg with { Role = LegRole.Caller, Channel = ChannelMachine.Unlink(leg.Channel).Value! });
        _call = _call with { Phase = CallPhase.Dialing };
        DialDestination(resolved.Target);
        _reply = CallReply.Done;
    }
}
