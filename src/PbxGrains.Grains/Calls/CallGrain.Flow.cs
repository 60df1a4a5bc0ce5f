using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls;

/// <summary>Where a call goes and what follows when legs answer or end.</summary>
public sealed partial class CallGrain
{
    private long? _waveTimer;
    private long? _parkTimer;
    private int _parkTimeoutSeconds;

    private async Task DialDestinationAsync(Destination destination)
    {
        _destination = destination.Number;
        switch (destination.Kind)
        {
            case DestinationKind.Extension:
                _lastApplication = "Dial";
                if (await RingExtensionForCallerAsync(destination.Key, LegRole.Callee, _destinationRingTimeout, destination.Number) is null)
                {
                    await EndAsync(HangupCause.UnallocatedNumber);
                }

                break;
            case DestinationKind.External:
                _lastApplication = "Dial";
                await DialOutsideAsync(destination.Key, LegRole.Callee, _destinationRingTimeout);
                break;
            case DestinationKind.Queue:
                await EnterQueueAsync(destination.Key);
                break;
            case DestinationKind.RingGroup:
                await DialRingGroupAsync(destination.Key);
                break;
            default:
                await EndAsync(HangupCause.UnallocatedNumber);
                break;
        }
    }

    private async Task EnterQueueAsync(string queue)
    {
        var caller = CallerLeg!;
        _lastApplication = "Queue";
        _queue = queue;
        _phase = CallPhase.Queued;
        if (caller.Channel.State == ChannelState.Ring)
        {
            // app_queue answers the caller before it waits.
            caller.Channel = ChannelMachine.Answer(caller.Channel, clock.Now).Value!;
        }

        caller.Channel = ChannelMachine.Describe(caller.Channel, c => c with { Application = "Queue", Queue = queue }).Value!;
        var joined = await Queue(queue).JoinAsync(new QueueEntry(_callId, caller.Name, caller.Channel.CallerIdNumber, caller.Channel.CallerIdName));
        if (!joined.IsOk)
        {
            logger.LogDebug("Call {Call} could not join queue {Queue}: {Reason}", _callId, queue, joined);
            await EndAsync(joined.Error == DomainError.QueueFull ? HangupCause.NormalClearing : HangupCause.UnallocatedNumber);
            return;
        }

        _inQueue = true;
        _queuePosition = joined.Value;
        if (_patienceSeconds is { } patience)
        {
            Schedule(caller, TimerKind.CallerGivesUp, TimeSpan.FromSeconds(patience));
        }
    }

    private async Task DialRingGroupAsync(string number)
    {
        _lastApplication = "Dial";
        var group = await GrainFactory.Ref<IRingGroupGrain>(TenantKey.Of(_tenant, number)).GetAsync();
        if (group is null)
        {
            await EndAsync(HangupCause.UnallocatedNumber);
            return;
        }

        var members = group.Members.Distinct(StringComparer.Ordinal).ToArray();
        var views = await Task.WhenAll(members.Select(m => Extension(m).GetAsync()));
        var states = members.Zip(views).ToDictionary(p => p.First, p => p.Second.Exists ? p.Second.DeviceState : DeviceState.NotInUse, StringComparer.Ordinal);
        _waves = RingGroupPlanner.Plan(group, m => states.GetValueOrDefault(m, DeviceState.Invalid));
        _waveSeconds = group.RingTimeSeconds;
        _waveIndex = -1;
        if (_waves.IsEmpty)
        {
            await EndAsync(HangupCause.UserBusy);
            return;
        }

        await NextWaveAsync();
    }

    /// <summary>Stops the wave that rings and starts the next one, or gives up when none is left.</summary>
    private async Task NextWaveAsync()
    {
        CancelCallTimer(ref _waveTimer);
        foreach (var leg in _legs.Where(l => l.Role == LegRole.Callee && l.Live))
        {
            DropLeg(leg, HangupCause.NoAnswer);
        }

        if (++_waveIndex >= _waves.Length)
        {
            await EndAsync(HangupCause.NoAnswer);
            return;
        }

        _settingUpWave = true;
        try
        {
            foreach (var member in _waves[_waveIndex])
            {
                // Members that are not extensions of the tenant are outside numbers (FreePBX writes them "0123#").
                if (await RingExtensionForCallerAsync(member, LegRole.Callee, _waveSeconds + 1, _destination) is null)
                {
                    await DialOutsideAsync(member.TrimEnd('#'), LegRole.Callee, _waveSeconds + 1);
                }
            }
        }
        finally
        {
            _settingUpWave = false;
        }

        if (_legs.Any(l => l.Role == LegRole.Callee && l.Live))
        {
            _waveTimer = ScheduleCallTimer(TimerKind.WaveEnds, TimeSpan.FromSeconds(_waveSeconds));
        }
        else
        {
            await NextWaveAsync();
        }
    }

    /// <summary>A ringing leg was answered.</summary>
    private async Task OnAnsweredAsync(CallLeg leg)
    {
        CancelTimers(leg);
        var caller = CallerLeg;
        switch (leg.Role)
        {
            case LegRole.Caller when _phase == CallPhase.Setup && _answerContext is not null:
                EnterContext(leg);
                break;
            case LegRole.Caller when _phase == CallPhase.Setup:
                // The originate's source picked up: now dial where it wanted to go.
                _phase = CallPhase.Dialing;
                leg.Channel = ChannelMachine.Describe(leg.Channel, c => c with { Application = "Dial" }).Value!;
                await DialDestinationAsync(_pending!);
                break;
            case LegRole.Callee when _phase == CallPhase.Dialing && caller is not null:
                Bridge(caller, leg);
                break;
            case LegRole.QueueMember when _phase == CallPhase.Queued && caller is not null:
                var offer = leg.Offer!;

                // The caller's patience ends here, before the bridge starts its talk timer.
                CancelTimers(caller);
                Bridge(caller, leg);
                _inQueue = false;
                _queueConnected = true;
                await TellQueueAsync(offer.Queue, q => q.OfferResultAsync(_callId, offer.OfferId, true, leg.Name));
                break;
            case LegRole.Joiner when _phase == CallPhase.Parked && caller is not null:
                await UnparkAsync(caller);
                Bridge(caller, leg);
                break;
            case LegRole.Spy:
                var target = leg.SpyTarget is { } name ? Find(name) : null;
                var spying = target is null ? null : ChannelMachine.StartSpy(leg.Channel, target.Channel, leg.SpyMode);
                if (spying is { IsOk: true })
                {
                    leg.Channel = spying.Value!;
                }
                else
                {
                    DropLeg(leg, HangupCause.NormalClearing);
                }

                break;
            default:
                // Answered too late: the call has moved on (another member answered first).
                DropLeg(leg, HangupCause.NormalClearing);
                break;
        }
    }

    /// <summary>Connects the caller with the leg that answered and releases every other leg still ringing for it.</summary>
    private void Bridge(CallLeg caller, CallLeg answered)
    {
        CancelCallTimer(ref _waveTimer);
        if (caller.Channel.State == ChannelState.Ring)
        {
            caller.Channel = ChannelMachine.Answer(caller.Channel, clock.Now).Value!;
        }

        foreach (var other in _legs.Where(l => l != answered && l.Principal && l.IsRinging))
        {
            DropLeg(other, HangupCause.NormalClearing);
        }

        // Each side shows the other party as its connected line.
        var application = caller.Channel.Application == "Queue" ? "Queue" : "Dial";
        caller.Channel = ChannelMachine.Link(caller.Channel, answered.AsParty(), application).Value!;
        answered.Channel = ChannelMachine.Link(answered.Channel, caller.AsParty(), "AppDial").Value!;
        _phase = CallPhase.Connected;
        _answeredAt ??= clock.Now;
        _answeredLeg = answered.Name;
        StartTalking(caller);
        StartTalking(answered);
    }

    /// <summary>What the call does when one of its legs has ended.</summary>
    private async Task OnLegEndedAsync(CallLeg leg, HangupCause cause)
    {
        switch (leg.Role)
        {
            case LegRole.Spy:
                return;
            case LegRole.Caller:
                await EndAsync(cause);
                return;
            case LegRole.QueueMember when _phase == CallPhase.Queued:
                if (leg.Offer is { } offer)
                {
                    await TellQueueAsync(offer.Queue, q => q.OfferResultAsync(_callId, offer.OfferId, false, null));
                }

                return;
            case LegRole.Joiner when _phase == CallPhase.Parked:
                // A pick-up or ring-back nobody answered: the call waits in its slot again and, on a lot with a
                // timeout, rings back once more after it, so a parked call is never left without a next step.
                if (_parkTimeoutSeconds > 0 && _parkTimer is null && !_legs.Any(l => l.Live && l.Role == LegRole.Joiner))
                {
                    _parkTimer = ScheduleCallTimer(TimerKind.ParkTimeout, TimeSpan.FromSeconds(_parkTimeoutSeconds));
                }

                return;
            case LegRole.Callee when _phase == CallPhase.Dialing:
                if (_settingUpWave || _legs.Any(l => l.Role == LegRole.Callee && l.Live))
                {
                    return;
                }

                if (!_waves.IsEmpty && _waveIndex + 1 < _waves.Length)
                {
                    await NextWaveAsync();
                    return;
                }

                await EndAsync(cause);
                return;
            default:
                // A bridged party hung up: its peer goes too.
                if (_phase == CallPhase.Connected)
                {
                    await EndAsync(cause);
                }

                return;
        }
    }

    /// <summary>Frees the parking slot (whichever leg waits in it) and takes the leg out of parking if it is still live.</summary>
    private async Task UnparkAsync(CallLeg? parked)
    {
        CancelCallTimer(ref _parkTimer);
        if (_parkedSlot is { } slot && _parkedLot is { } lot && _parkedChannel is { } channel)
        {
            await ParkingLot(lot).ReleaseAsync(slot, channel);
        }

        if (parked is { Live: true } && parked.Channel.ParkedSlot is not null)
        {
            parked.Channel = ChannelMachine.Unpark(parked.Channel).Value ?? parked.Channel;
        }

        _parkedSlot = null;
        _parkedLot = null;
        _parkedChannel = null;
    }

    /// <summary>Ends the call: every leg hangs up, the parking lot and the queue are told, the CDR is written.</summary>
    private async Task EndAsync(HangupCause cause)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _endCause ??= cause;
        foreach (var leg in _legs.Where(l => l.Live))
        {
            DropLeg(leg, HangupCause.NormalClearing);
        }

        CancelCallTimer(ref _waveTimer);
        await UnparkAsync(null);
        _phase = CallPhase.Ended;

        // The CDR is written before the call leaves the listings, so a call that is no longer listed has its record.
        var cdr = BuildCdr();
        await GrainFactory.Ref<ICdrLogGrain>(Shards.CdrKey(_tenant, DateOnly.FromDateTime(_startedAt.UtcDateTime), _callId)).AppendAsync(cdr);
        metrics.CallEnded(cdr.Disposition);
        _timers.Dispose();
        _timerKinds.Clear();
        await LeaveQueueAsync();

        await PublishAsync();
        DeactivateOnIdle();
    }

    /// <summary>
    /// Tells the queue what became of this call once the legs' new states are published: the queue looks at its
    /// members' phones at once and must find the ones this call has just released free.
    /// </summary>
    private async Task TellQueueAsync(string queue, Func<IQueueGrain, Task> message)
    {
        await PublishAsync();
        await message(Queue(queue));
    }

    /// <summary>Tells the queue the call has left it: abandoned while waiting, or completed once connected.</summary>
    private async Task LeaveQueueAsync()
    {
        if (_inQueue && _queue is not null)
        {
            _inQueue = false;
            await TellQueueAsync(_queue, q => q.AbandonAsync(_callId));
        }
        else if (_queueConnected && _queue is not null)
        {
            _queueConnected = false;
            await TellQueueAsync(_queue, q => q.CompleteAsync(_callId));
        }
    }

    private CdrRecord BuildCdr()
    {
        var end = clock.Now;
        var principal = _legs.Where(l => l.Role != LegRole.Spy).ToList();
        var first = principal.FirstOrDefault();
        var destination = (_answeredLeg is { } answered ? principal.Find(l => l.Name == answered) : null)
            ?? principal.LastOrDefault(l => l != first);
        return new CdrRecord
        {
            UniqueId = _callId,
            Start = _startedAt,
            Answer = _answeredAt,
            End = end,
            Duration = (int)Math.Max(0, (end - _startedAt).TotalSeconds),
            BillSec = _answeredAt is { } at ? (int)Math.Max(0, (end - at).TotalSeconds) : 0,
            Disposition = CallOutcomes.DispositionOf(_answeredAt is not null, _endCause ?? HangupCause.NormalClearing),
            Source = _source,
            CallerIdName = _callerIdName,
            Destination = _destination,
            DestinationContext = EndContext ?? first?.Channel.Context ?? "",
            Channel = first?.Name ?? "",
            DestinationChannel = destination?.Name ?? "",
            AccountCode = _accountCode,
            CustomFields = _customFields,
            RecordingFile = _recordingFile ?? principal.Select(l => l.Channel.RecordingFile).FirstOrDefault(f => f is not null),
            LastApplication = _lastApplication,
            Channels = [.. principal.Select(l => l.Name)],
            Queue = _queue,
            HangupCause = _endCause ?? HangupCause.NormalClearing,
        };
    }
}
