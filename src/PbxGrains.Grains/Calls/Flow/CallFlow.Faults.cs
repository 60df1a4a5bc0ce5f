using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// Telephony faults (<see cref="FaultKinds.IsTelephony"/>): the tenant's rules as the call read them when it started,
/// applied where the call dials out, rings a phone and starts talking. A rule holds in its window of simulated time
/// (<see cref="FaultRule.From"/>, <see cref="FaultRule.Until"/>) unless paused, for the numbers it names; its share
/// is drawn from the call's own random stream, and only while a rule holds, so a tenant without faults makes exactly
/// the draws it made before faults existed.
/// </summary>
internal sealed partial class CallFlow
{
    /// <summary>How long a dropped call talks first when its rule gives no delay (simulated seconds).</summary>
    private static readonly Distribution DefaultDropAfter = Distribution.Uniform(5, 60);

    /// <summary>The first rule of <paramref name="kind"/> that holds now for <paramref name="number"/> and fires for this call, or null.</summary>
    private FaultRule? FiringFault(FaultKind kind, string number)
    {
        foreach (var rule in _call.Settings.Faults)
        {
            if (rule.Kind == kind
                && !rule.Paused
                && (rule.From is not { } from || _now >= from)
                && (rule.Until is not { } until || _now < until)
                && (rule.Numbers.Length == 0 || AsteriskPattern.Matches(rule.Numbers, number)))
            {
                if (!Sampler.Chance(rule.Probability, _random))
                {
                    break;
                }

                Emit(new CallEffect.FaultFired(rule, number));
                return rule;
            }
        }

        // A magic number's fault fires every time (no draw): a test can count on it whatever the tenant's rules.
        if (MagicNumbers.FaultOf(kind, number) is { } magic)
        {
            Emit(new CallEffect.FaultFired(magic, number));
            return magic;
        }

        return null;
    }

    /// <summary>Whether the trunk refuses the outside number: the cause it gives, or null.</summary>
    private HangupCause? TrunkRefuses(string number) =>
        FiringFault(FaultKind.TrunkDown, number) is { } down ? CauseOf(down, HangupCause.Congestion)
        : FiringFault(FaultKind.TrunkLossy, number) is { } lossy ? CauseOf(lossy, HangupCause.NetworkOutOfOrder)
        : null;

    /// <summary>Ends a leg by a fault after <paramref name="delay"/>, with <paramref name="cause"/>; the leg as it now is.</summary>
    private Leg EndLegByFault(Leg leg, HangupCause cause, TimeSpan delay)
    {
        leg = Set(leg with { FaultCause = cause });
        StartTimer(leg, TimerKind.FaultEndsLeg, delay);
        return leg;
    }

    /// <summary>Gives an answered leg its drop mid-talk when a drop fault fires for the party that answered.</summary>
    private void DropsMidTalk(Leg answered)
    {
        if (FiringFault(FaultKind.CallDrop, answered.PartyNumber) is { } drop)
        {
            EndLegByFault(answered, CauseOf(drop, HangupCause.NetworkOutOfOrder), Sampler.Draw(drop.Delay ?? DefaultDropAfter, _random));
        }
    }

    private static HangupCause CauseOf(FaultRule rule, HangupCause usual) => rule.Cause == HangupCause.NotDefined ? usual : rule.Cause;
}
