using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.StateMachines;

/// <summary>
/// Turns a ring group and its members' device states into waves: the sets of members rung together, one wave after
/// the other, each for the group's ring time (FreePBX semantics, which Asterisk-based PBXs share).
/// </summary>
public static class RingGroupPlanner
{
    public static ImmutableArray<ImmutableArray<string>> Plan(RingGroupConfig group, Func<string, DeviceState> deviceState)
    {
        var members = group.Members;
        if (members.IsDefaultOrEmpty)
        {
            return [];
        }

        if (IsPrimaryVariant(group.Strategy) && !DeviceStateRules.IsFree(deviceState(members[0])))
        {
            // The -prim strategies ring nobody when the primary (first) member is occupied (on the phone, ringing,
            // holding, busy or do-not-disturb) or unreachable.
            return [];
        }

        var reachable = members.Where(m => CanRing(deviceState(m))).ToImmutableArray();
        return group.Strategy switch
        {
            RingGroupStrategy.RingAll or RingGroupStrategy.RingAllPrim => reachable.IsEmpty ? [] : [reachable],
            RingGroupStrategy.Hunt or RingGroupStrategy.HuntPrim => [.. reachable.Select(m => ImmutableArray.Create(m))],
            RingGroupStrategy.MemoryHunt or RingGroupStrategy.MemoryHuntPrim =>
                [.. Enumerable.Range(1, reachable.Length).Select(n => reachable.Take(n).ToImmutableArray())],
            RingGroupStrategy.FirstAvailable => reachable.IsEmpty ? [] : [[reachable[0]]],
            RingGroupStrategy.FirstNotOnPhone => members.FirstOrDefault(m => DeviceStateRules.IsFree(deviceState(m))) is { } free ? [[free]] : [],
            _ => [],
        };
    }

    private static bool IsPrimaryVariant(RingGroupStrategy strategy) =>
        strategy is RingGroupStrategy.RingAllPrim or RingGroupStrategy.HuntPrim or RingGroupStrategy.MemoryHuntPrim;

    /// <summary>A member can be rung when it is registered and not refusing calls (busy or do-not-disturb).</summary>
    private static bool CanRing(DeviceState state) => state is DeviceState.NotInUse or DeviceState.InUse or DeviceState.OnHold or DeviceState.Ringing or DeviceState.RingInUse;
}
