using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>A call to a ring group: its members rung wave after wave until one answers or none is left.</summary>
internal sealed partial class CallFlow
{
    private void OnRingGroupLoaded(CallInput.RingGroupLoaded loaded)
    {
        if (loaded.Group is not { } group)
        {
            End(HangupCause.UnallocatedNumber);
            return;
        }

        // A member that is no extension of the tenant is an outside number: the planner counts it free.
        var waves = RingGroupPlanner.Plan(group, m => loaded.Members.TryGetValue(m, out var view) ? view.DeviceState : DeviceState.NotInUse);
        _call = _call with { Waves = new RingGroupWaves(waves, group.RingTimeSeconds) };
        if (waves.IsEmpty)
        {
            End(HangupCause.UserBusy);
            return;
        }

        NextWave();
    }

    /// <summary>Stops the wave that rings and starts the next one, or gives up when none is left.</summary>
    private void NextWave()
    {
        CancelWaveTimer();
        foreach (var leg in _call.Legs)
        {
            if (leg.Role == LegRole.Callee && Leg(leg.Name).Live)
            {
                DropLeg(leg.Name, HangupCause.NoAnswer);
            }
        }

        if (_call.Waves is not { HasNext: true } waves)
        {
            End(HangupCause.NoAnswer);
            return;
        }

        waves = waves with { Index = waves.Index + 1, SettingUp = true };
        _call = _call with { Waves = waves };
        foreach (var member in waves.Waves[waves.Index])
        {
            // Rung one second longer than the wave lasts, so the wave's end (not the member's ring timer) moves on.
            Ask(new CallEffect.OpenLeg(new WaveMemberLeg(member, _call.Facts.Destination, waves.Seconds + 1)));
        }

        Ask(new CallEffect.Then(new CallInput.WaveRung()));
    }

    /// <summary>Every member of the wave has been rung: the wave rings its time, or the next one starts when none could ring.</summary>
    private void OnWaveRung()
    {
        var waves = _call.Waves! with { SettingUp = false };
        _call = _call with { Waves = waves };
        if (_call.HasLive(LegRole.Callee))
        {
            StartCallTimer(TimerKind.WaveEnds, TimeSpan.FromSeconds(waves.Seconds));
            _call = _call with { Waves = waves with { TimerPending = true } };
        }
        else
        {
            NextWave();
        }
    }

    private void OnWaveEnds()
    {
        if (_call.Waves is { } waves)
        {
            _call = _call with { Waves = waves with { TimerPending = false } };
        }

        if (_call.Phase == CallPhase.Dialing)
        {
            NextWave();
        }
    }

    private void CancelWaveTimer()
    {
        if (_call.Waves is { TimerPending: true } waves)
        {
            Emit(new CallEffect.CancelCallTimer(TimerKind.WaveEnds));
            _call = _call with { Waves = waves with { TimerPending = false } };
        }
    }

    private void StartCallTimer(TimerKind kind, TimeSpan delay) => Emit(new CallEffect.StartTimer(kind, "", delay));
}
