using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls;

/// <summary>Requests on a live call: phones answering and hanging up, hold, transfer, park, variables, queue offers, timers.</summary>
public sealed partial class CallGrain
{
    public Task<PbxResult> AnswerAsync(string channel) => OnLegAsync(channel, async leg =>
    {
        var answered = ChannelMachine.Answer(leg.Channel, clock.Now);
        if (!answered.IsOk)
        {
            return answered.AsResult();
        }

        var wasCallingSide = leg.Channel.State == ChannelState.Ring;
        leg.Channel = answered.Value!;
        if (!wasCallingSide)
        {
            await OnAnsweredAsync(leg);
        }

        return PbxResult.Ok;
    });

    public Task<PbxResult> RejectAsync(string channel) => OnLegAsync(channel, async leg =>
    {
        var busy = ChannelMachine.Busy(leg.Channel);
        if (!busy.IsOk)
        {
            return busy.AsResult();
        }

        leg.Channel = busy.Value!;
        await EndLegAsync(leg, HangupCause.CallRejected);
        return PbxResult.Ok;
    });

    public async Task<PbxResult> HangupAsync(string? channel, HangupCause cause)
    {
        if (channel is not null)
        {
            return await OnLegAsync(channel, async leg =>
            {
                await EndLegAsync(leg, cause);
                return PbxResult.Ok;
            });
        }

        if (!_started || _phase == CallPhase.Ended)
        {
            ForgetIfUnused();
            return PbxResult.Fail(DomainError.CallNotFound, _callId);
        }

        await EndAsync(cause);
        return PbxResult.Ok;
    }

    public Task<PbxResult> HoldAsync(string channel) => OnLegAsync(channel, leg => Change(leg, ChannelMachine.Hold(leg.Channel)));

    public Task<PbxResult> UnholdAsync(string channel) => OnLegAsync(channel, leg => Change(leg, ChannelMachine.Unhold(leg.Channel)));

    public Task<PbxResult> SetVariableAsync(string channel, string name, string value) =>
        OnLegAsync(channel, leg => Change(leg, ChannelMachine.SetVariable(leg.Channel, name, value)));

    public Task<PbxResult> SetRecordingAsync(string channel, bool on, string? file) => OnLegAsync(channel, leg =>
    {
        var next = ChannelMachine.SetRecording(leg.Channel, on, file);
        if (next.IsOk && on)
        {
            _recordingFile = next.Value!.RecordingFile;
        }

        return Change(leg, next);
    });

    public Task<PbxResult> RedirectAsync(string channel, string destination) => OnLegAsync(channel, async leg =>
    {
        if (leg.Role == LegRole.Spy || leg.Channel.State is not (ChannelState.Up or ChannelState.Ring))
        {
            return PbxResult.Fail(DomainError.ChannelNotUp, $"{leg.Name} is {leg.Channel.State}; only an answered or calling channel can be redirected");
        }

        var target = await Tenant.ResolveAsync(destination);
        if (target.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot)
        {
            return PbxResult.Fail(DomainError.DestinationNotFound, $"{destination} is not a number this PBX can redirect to");
        }

        // Blind transfer: everyone else leaves, the leg becomes the caller of a new dial.
        await UnparkAsync(leg);
        CancelCallTimer(ref _waveTimer);
        _waves = [];
        foreach (var other in _legs.Where(l => l != leg && l.Live && l.Principal))
        {
            DropLeg(other, HangupCause.NormalClearing);
        }

        await LeaveQueueAsync();

        CancelTimers(leg);
        leg.Role = LegRole.Caller;
        leg.Channel = ChannelMachine.Unlink(leg.Channel).Value!;
        _phase = CallPhase.Dialing;
        await DialDestinationAsync(target);
        return PbxResult.Ok;
    });

    public async Task<PbxResult<int>> ParkAsync(string channel, string lot)
    {
        var slot = 0;
        var result = await OnLegAsync(channel, async leg =>
        {
            if (_phase != CallPhase.Connected || leg.Role == LegRole.Spy)
            {
                return PbxResult.Fail(DomainError.ChannelNotBridged, $"{leg.Name} is not in a connected call");
            }

            var check = ChannelMachine.Park(leg.Channel, 0);
            if (!check.IsOk)
            {
                return check.AsResult();
            }

            var parkingLot = await ParkingLot(lot).GetAsync();
            if (parkingLot.Config.SlotCount == 0)
            {
                return PbxResult.Fail(DomainError.ParkingLotNotFound, $"parking lot {lot} does not exist");
            }

            var parker = _legs.Find(l => l.Live && l.Principal && l != leg);
            var parkedBy = parker?.Channel.EndpointKind == EndpointKind.Extension ? parker.Channel.Endpoint : "";
            var taken = await ParkingLot(lot).ParkAsync(
                new ParkedCallView(0, leg.Name, _callId, leg.Channel.CallerIdNumber, leg.Channel.CallerIdName, clock.Now, parkedBy, lot), null);
            if (!taken.IsOk)
            {
                return taken.AsResult();
            }

            slot = taken.Value;
            leg.Channel = ChannelMachine.Park(leg.Channel, slot).Value!;
            foreach (var other in _legs.Where(l => l != leg && l.Live && l.Principal))
            {
                DropLeg(other, HangupCause.NormalClearing);
            }

            CancelTimers(leg);
            leg.Role = LegRole.Caller;
            _phase = CallPhase.Parked;
            _parkedLot = lot;
            _parkedSlot = slot;
            _parkedChannel = leg.Name;
            _parkedBy = parkedBy;

            // A parked queue call has left its queue: only a connected call can be parked, so it completes.
            await LeaveQueueAsync();

            _parkTimeoutSeconds = parkingLot.Config.TimeoutSeconds;
            if (parkingLot.Config.TimeoutSeconds > 0)
            {
                _parkTimer = ScheduleCallTimer(TimerKind.ParkTimeout, TimeSpan.FromSeconds(parkingLot.Config.TimeoutSeconds));
            }

            return PbxResult.Ok;
        });
        return result.IsOk ? PbxResult<int>.Success(slot) : PbxResult<int>.Fail(result.Error, result.Detail);
    }

    public async Task<PbxResult<CallSnapshot>> JoinParkedAsync(string extension, int slot, bool offHook)
    {
        if (!_started || _phase != CallPhase.Parked || _parkedSlot != slot)
        {
            ForgetIfUnused();
            return Fail<CallSnapshot>(DomainError.ParkingSlotEmpty, $"no call is parked in slot {slot}");
        }

        if (_legs.Any(l => l.Live && l.Role == LegRole.Joiner))
        {
            return Fail<CallSnapshot>(DomainError.IllegalTransition, $"the call in slot {slot} is already being picked up");
        }

        var joiner = await Extension(extension).GetAsync();
        if (!joiner.Exists)
        {
            return Fail<CallSnapshot>(DomainError.ExtensionNotFound, $"extension {extension} does not exist");
        }

        await PickUpParkedAsync(joiner, offHook);
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    public async Task OfferAsync(QueueOffer offer)
    {
        if (!_started || _phase != CallPhase.Queued || !_inQueue || _queue != offer.Queue)
        {
            // The caller left (or was never here): the queue must not keep the member reserved.
            await Queue(offer.Queue).OfferResultAsync(_callId, offer.OfferId, false, null);
            ForgetIfUnused();
            return;
        }

        var leg = await RingExtensionForCallerAsync(offer.Extension, LegRole.QueueMember, offer.RingTimeoutSeconds, _destination);
        if (leg is null)
        {
            await TellQueueAsync(offer.Queue, q => q.OfferResultAsync(_callId, offer.OfferId, false, null));
        }
        else
        {
            leg.Offer = offer;
            if (!leg.Live)
            {
                // The phone refused at once (busy, unregistered): it was reported before the offer was attached.
                await TellQueueAsync(offer.Queue, q => q.OfferResultAsync(_callId, offer.OfferId, false, null));
            }
        }

        await PublishAsync();
    }

    public async Task OnTimerAsync(long timerId)
    {
        if (!_timers.Claim(timerId) || !_timerKinds.Remove(timerId, out var timer))
        {
            ForgetIfUnused();
            return;
        }

        var leg = timer.Leg.Length > 0 ? Find(timer.Leg) : null;
        leg?.Timers.Remove(timerId);
        switch (timer.Kind)
        {
            case TimerKind.RingTimeout when leg is { IsRinging: true }:
                await EndLegAsync(leg, HangupCause.NoAnswer);
                break;
            case TimerKind.PhoneAnswers when leg is { IsRinging: true }:
                leg.Channel = ChannelMachine.Answer(leg.Channel, clock.Now).Value!;
                await OnAnsweredAsync(leg);
                break;
            case TimerKind.PhoneRejects when leg is { IsRinging: true }:
                leg.Channel = ChannelMachine.Busy(leg.Channel).Value!;
                await EndLegAsync(leg, HangupCause.CallRejected);
                break;
            case TimerKind.RemoteBusy when leg is { IsRinging: true }:
                leg.Channel = ChannelMachine.Busy(leg.Channel).Value!;
                await EndLegAsync(leg, HangupCause.UserBusy);
                break;
            case TimerKind.RemoteCongestion when leg is { IsRinging: true }:
                await EndLegAsync(leg, HangupCause.Congestion);
                break;
            case TimerKind.TalkEnds when leg is { Live: true }:
                await EndLegAsync(leg, HangupCause.NormalClearing);
                break;
            case TimerKind.CallerGivesUp when leg is { Live: true } && _inQueue:
                await EndLegAsync(leg, HangupCause.NormalClearing);
                break;
            case TimerKind.WaveEnds:
                _waveTimer = null;
                if (_phase == CallPhase.Dialing)
                {
                    await NextWaveAsync();
                }

                break;
            case TimerKind.ParkTimeout:
                _parkTimer = null;
                await ComeBackFromParkingAsync();
                break;
        }

        await PublishAsync();
    }

    /// <summary>A parked call nobody picked up rings the one who parked it (Asterisk's comebacktoorigin).</summary>
    private async Task ComeBackFromParkingAsync()
    {
        if (_phase != CallPhase.Parked || _parkedBy.Length == 0 || _legs.Any(l => l.Live && l.Role == LegRole.Joiner))
        {
            return;
        }

        var parker = await Extension(_parkedBy).GetAsync();
        if (parker.Exists)
        {
            await PickUpParkedAsync(parker, offHook: false);
        }
    }

    private async Task PickUpParkedAsync(ExtensionView joiner, bool offHook)
    {
        var parked = CallerLeg!;
        var exten = _parkedSlot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var leg = await NewLegAsync(joiner.Config, LegRole.Joiner, offHook ? ChannelState.Ring : ChannelState.Ringing, null,
            offHook ? joiner.Config.OutboundCallerIdNumber : parked.Channel.CallerIdNumber,
            offHook ? joiner.Config.CallerIdName : parked.Channel.CallerIdName,
            exten, joiner.Config.Dialplan);
        if (offHook)
        {
            leg.Phone = joiner.Config.Phone;
            leg.Channel = ChannelMachine.Answer(leg.Channel, clock.Now).Value!;
            await OnAnsweredAsync(leg);
        }
        else
        {
            await RingExtensionAsync(leg, joiner, null);
        }
    }

    private static Task<PbxResult> Change(CallLeg leg, PbxResult<ChannelSnapshot> next)
    {
        if (next.IsOk)
        {
            leg.Channel = next.Value!;
        }

        return Task.FromResult(next.AsResult());
    }

    /// <summary>Runs a request on one live leg of this call and publishes what changed.</summary>
    private async Task<PbxResult> OnLegAsync(string channel, Func<CallLeg, Task<PbxResult>> action)
    {
        if (!_started)
        {
            ForgetIfUnused();
            return PbxResult.Fail(DomainError.ChannelNotFound, channel);
        }

        var leg = Find(channel);
        if (leg is null)
        {
            return PbxResult.Fail(DomainError.ChannelNotFound, channel);
        }

        if (!leg.Live || _phase == CallPhase.Ended)
        {
            return PbxResult.Fail(DomainError.CallEnded, $"{channel} has hung up");
        }

        var result = await action(leg);
        await PublishAsync();
        return result;
    }
}
