using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>Parking a leg, picking it up from its slot, and ringing back the one who parked it when nobody does.</summary>
internal sealed partial class CallFlow
{
    private PbxResult Park(Leg leg, string lot)
    {
        if (_call.Phase != CallPhase.Connected || leg.Role == LegRole.Spy)
        {
            return PbxResult.Fail(DomainError.ChannelNotBridged, $"{leg.Name} is not in a connected call");
        }

        var check = ChannelMachine.Park(leg.Channel, 0);
        if (!check.IsOk)
        {
            return check.AsResult();
        }

        Ask(new CallEffect.FindParkingLot(leg.Name, lot));
        return PbxResult.Ok;
    }

    private void OnParkingLotFound(CallInput.ParkingLotFound found)
    {
        if (found.Config.SlotCount == 0)
        {
            _reply = CallReply.Acted(PbxResult.Fail(DomainError.ParkingLotNotFound, $"parking lot {found.Lot} does not exist"));
            return;
        }

        // The lot shows who parked the call: the extension it was talking to.
        var leg = Leg(found.Channel);
        var parker = _call.Legs.FirstOrDefault(l => l.Live && l.Principal && l.Name != leg.Name);
        var parkedBy = parker?.Channel.EndpointKind == EndpointKind.Extension ? parker.Channel.Endpoint : "";
        var view = new ParkedCallView(0, leg.Name, _call.CallId, leg.Channel.CallerIdNumber, leg.Channel.CallerIdName, _now, parkedBy, found.Lot);
        Ask(new CallEffect.TakeParkingSlot(new ParkingOrder(leg.Name, found.Lot, view, found.Config.TimeoutSeconds)));
    }

    private void OnSlotTaken(CallInput.SlotTaken taken)
    {
        if (!taken.Result.IsOk)
        {
            _reply = CallReply.Acted(taken.Result.AsResult());
            return;
        }

        var (order, slot) = (taken.Order, taken.Result.Value);
        var leg = Leg(order.Channel);
        leg = Set(leg with { Channel = ChannelMachine.Park(leg.Channel, slot).Value! });
        foreach (var other in _call.Legs)
        {
            if (other.Name != leg.Name && Leg(other.Name) is { Live: true, Principal: true })
            {
                DropLeg(other.Name, HangupCause.NormalClearing);
            }
        }

        Emit(new CallEffect.CancelTimers(leg.Name));
        Set(Leg(leg.Name) with { Role = LegRole.Caller });
        _call = _call with
        {
            Phase = CallPhase.Parked,
            Parked = new ParkedLeg(order.Lot, slot, leg.Name, order.View.ParkedBy, order.TimeoutSeconds),
        };

        // A parked queue call has left its queue: only a connected call can be parked, so it completes.
        LeaveQueue();

        if (order.TimeoutSeconds > 0)
        {
            StartParkTimer();
        }

        _reply = new CallReply(PbxResult.Ok, Publish: true, slot);
    }

    private void JoinParked(CallInput.JoinParked join)
    {
        if (!_call.Started || _call.Phase != CallPhase.Parked || _call.Parked?.Slot != join.Slot)
        {
            _reply = CallReply.Refused(DomainError.ParkingSlotEmpty, $"no call is parked in slot {join.Slot}");
            return;
        }

        if (_call.HasLive(LegRole.Joiner))
        {
            _reply = CallReply.Refused(DomainError.IllegalTransition, $"the call in slot {join.Slot} is already being picked up");
            return;
        }

        Ask(new CallEffect.OpenLeg(new JoinerLeg(join.Extension, join.OffHook, RingBack: false)));
        _reply = CallReply.Done;
    }

    /// <summary>An extension picks the parked call up: its phone is off hook (it dialled the slot), or it rings.</summary>
    private void PickUpParked(JoinerLeg order, ExtensionView joiner, long sequence)
    {
        var (parked, config, offHook) = (_call.Caller!, joiner.Config, order.OffHook);
        var exten = _call.Parked?.Slot.ToString(CultureInfo.InvariantCulture) ?? "";
        var leg = NewExtensionLeg(config, LegRole.Joiner, offHook ? ChannelState.Ring : ChannelState.Ringing, null, sequence,
            offHook ? config.OutboundCallerIdNumber : parked.Channel.CallerIdNumber,
            offHook ? config.CallerIdName : parked.Channel.CallerIdName,
            exten, config.Dialplan);
        if (offHook)
        {
            OnAnswered(Add(leg with { Phone = config.Phone, Channel = ChannelMachine.Answer(leg.Channel, _now).Value! }));
        }
        else
        {
            AddRinging(leg, joiner, null);
        }
    }

    /// <summary>
    /// A pick-up or ring-back nobody answered: the call waits in its slot again and, on a lot with a timeout, rings back
    /// once more after it, so a parked call is never left without a next step.
    /// </summary>
    private void WaitInSlotAgain()
    {
        if (_call.Parked is { TimeoutSeconds: > 0, TimerPending: false } && !_call.HasLive(LegRole.Joiner))
        {
            StartParkTimer();
        }
    }

    /// <summary>A parked call nobody picked up rings the one who parked it (Asterisk's comebacktoorigin).</summary>
    private void OnParkTimeout()
    {
        if (_call.Parked is not { } parked)
        {
            return;
        }

        _call = _call with { Parked = parked with { TimerPending = false } };
        if (_call.Phase != CallPhase.Parked || parked.ParkedBy.Length == 0 || _call.HasLive(LegRole.Joiner))
        {
            return;
        }

        Ask(new CallEffect.OpenLeg(new JoinerLeg(parked.ParkedBy, OffHook: false, RingBack: true)));
    }

    /// <summary>Frees the parking slot (whichever leg waits in it) and takes the leg out of parking if it is still live.</summary>
    private void Unpark(string? name)
    {
        if (_call.Parked is not { } parked)
        {
            return;
        }

        if (parked.TimerPending)
        {
            Emit(new CallEffect.CancelCallTimer(TimerKind.ParkTimeout));
        }

        Emit(new CallEffect.ReleaseParkingSlot(parked.Lot, parked.Slot, parked.Channel));
        if (name is not null && Leg(name) is { Live: true, Channel.ParkedSlot: not null } leg)
        {
            Set(leg with { Channel = ChannelMachine.Unpark(leg.Channel).Value ?? leg.Channel });
        }

        _call = _call with { Parked = null };
    }

    private void StartParkTimer()
    {
        StartCallTimer(TimerKind.ParkTimeout, TimeSpan.FromSeconds(_call.Parked!.TimeoutSeconds));
        _call = _call with { Parked = _call.Parked with { TimerPending = true } };
    }
}
