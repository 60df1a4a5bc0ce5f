using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class RingGroupPlannerTests
{
    [Fact]
    public void Ringall_rings_every_reachable_member_in_one_wave()
    {
        var waves = Plan(RingGroupStrategy.RingAll, States());

        Assert.Equal([["4001", "4002", "4003"]], Flatten(waves));
    }

    [Fact]
    public void Ringall_skips_members_that_are_busy_or_unavailable()
    {
        var waves = Plan(RingGroupStrategy.RingAll, States(("4001", DeviceState.Busy), ("4003", DeviceState.Unavailable)));

        Assert.Equal([["4002"]], Flatten(waves));
    }

    [Theory]
    [InlineData(DeviceState.InUse)]
    [InlineData(DeviceState.OnHold)]
    [InlineData(DeviceState.Ringing)]
    [InlineData(DeviceState.RingInUse)]
    public void Members_on_the_phone_are_still_rung_because_they_have_call_waiting(DeviceState state)
    {
        var waves = Plan(RingGroupStrategy.RingAll, States(("4002", state)));

        Assert.Equal([["4001", "4002", "4003"]], Flatten(waves));
    }

    [Theory]
    [InlineData(DeviceState.Busy)]
    [InlineData(DeviceState.Unavailable)]
    [InlineData(DeviceState.Unknown)]
    [InlineData(DeviceState.Invalid)]
    public void Unreachable_members_are_skipped(DeviceState state)
    {
        var waves = Plan(RingGroupStrategy.Hunt, States(("4002", state)));

        Assert.Equal([["4001"], ["4003"]], Flatten(waves));
    }

    [Fact]
    public void Ringall_with_nobody_reachable_plans_no_wave()
    {
        Assert.Empty(Plan(RingGroupStrategy.RingAll, _ => DeviceState.Unavailable));
    }

    [Fact]
    public void A_group_without_members_plans_no_wave()
    {
        var group = new RingGroupConfig { Number = "600", Strategy = RingGroupStrategy.RingAll };

        Assert.Empty(RingGroupPlanner.Plan(group, _ => DeviceState.NotInUse));
        Assert.Empty(RingGroupPlanner.Plan(group with { Members = default }, _ => DeviceState.NotInUse));
    }

    [Fact]
    public void Hunt_rings_each_reachable_member_alone_in_list_order()
    {
        var waves = Plan(RingGroupStrategy.Hunt, States());

        Assert.Equal([["4001"], ["4002"], ["4003"]], Flatten(waves));
    }

    [Fact]
    public void Memoryhunt_adds_the_next_member_to_the_ones_already_ringing()
    {
        var waves = Plan(RingGroupStrategy.MemoryHunt, States());

        Assert.Equal([["4001"], ["4001", "4002"], ["4001", "4002", "4003"]], Flatten(waves));
    }

    [Fact]
    public void Memoryhunt_leaves_unreachable_members_out_of_every_wave()
    {
        var waves = Plan(RingGroupStrategy.MemoryHunt, States(("4002", DeviceState.Unavailable)));

        Assert.Equal([["4001"], ["4001", "4003"]], Flatten(waves));
    }

    [Fact]
    public void Firstavailable_rings_only_the_first_reachable_member()
    {
        var waves = Plan(RingGroupStrategy.FirstAvailable, States(("4001", DeviceState.Busy), ("4002", DeviceState.InUse)));

        Assert.Equal([["4002"]], Flatten(waves));
    }

    [Fact]
    public void Firstavailable_with_nobody_reachable_plans_no_wave()
    {
        Assert.Empty(Plan(RingGroupStrategy.FirstAvailable, _ => DeviceState.Busy));
    }

    [Fact]
    public void Firstnotonphone_rings_only_the_first_member_that_is_not_in_use()
    {
        var waves = Plan(RingGroupStrategy.FirstNotOnPhone, States(("4001", DeviceState.InUse), ("4002", DeviceState.OnHold)));

        Assert.Equal([["4003"]], Flatten(waves));
    }

    [Fact]
    public void Firstnotonphone_with_everyone_on_the_phone_plans_no_wave()
    {
        Assert.Empty(Plan(RingGroupStrategy.FirstNotOnPhone, _ => DeviceState.InUse));
    }

    [Theory]
    [InlineData(RingGroupStrategy.RingAllPrim)]
    [InlineData(RingGroupStrategy.HuntPrim)]
    [InlineData(RingGroupStrategy.MemoryHuntPrim)]
    public void A_prim_strategy_plans_like_its_plain_form_when_the_primary_is_free(RingGroupStrategy prim)
    {
        var plain = prim switch
        {
            RingGroupStrategy.RingAllPrim => RingGroupStrategy.RingAll,
            RingGroupStrategy.HuntPrim => RingGroupStrategy.Hunt,
            _ => RingGroupStrategy.MemoryHunt,
        };
        var states = States(("4003", DeviceState.Unavailable));

        Assert.Equal(Flatten(Plan(plain, states)), Flatten(Plan(prim, states)));
        Assert.NotEmpty(Plan(prim, states));
    }

    [Theory]
    [InlineData(RingGroupStrategy.RingAllPrim, DeviceState.Busy)]
    [InlineData(RingGroupStrategy.RingAllPrim, DeviceState.Unavailable)]
    [InlineData(RingGroupStrategy.HuntPrim, DeviceState.Busy)]
    [InlineData(RingGroupStrategy.HuntPrim, DeviceState.Unavailable)]
    [InlineData(RingGroupStrategy.MemoryHuntPrim, DeviceState.Busy)]
    [InlineData(RingGroupStrategy.MemoryHuntPrim, DeviceState.Unavailable)]
    public void A_prim_strategy_rings_nobody_when_the_primary_is_busy_or_unavailable(RingGroupStrategy prim, DeviceState primary)
    {
        Assert.Empty(Plan(prim, States(("4001", primary))));
    }

    [Theory]
    [InlineData(RingGroupStrategy.RingAllPrim, DeviceState.InUse)]
    [InlineData(RingGroupStrategy.HuntPrim, DeviceState.InUse)]
    [InlineData(RingGroupStrategy.MemoryHuntPrim, DeviceState.InUse)]
    [InlineData(RingGroupStrategy.RingAllPrim, DeviceState.OnHold)]
    [InlineData(RingGroupStrategy.RingAllPrim, DeviceState.RingInUse)]
    public void A_prim_strategy_rings_nobody_when_the_primary_is_on_the_phone(RingGroupStrategy prim, DeviceState primary)
    {
        // FreePBX: "if the primary extension (first in list) is occupied, the other extensions will not be rung".
        Assert.Empty(Plan(prim, States(("4001", primary))));
    }

    [Fact]
    public void A_prim_strategy_ignores_the_state_of_members_after_the_primary()
    {
        var waves = Plan(RingGroupStrategy.HuntPrim, States(("4002", DeviceState.Busy)));

        Assert.Equal([["4001"], ["4003"]], Flatten(waves));
    }

    private static ImmutableArray<ImmutableArray<string>> Plan(RingGroupStrategy strategy, Func<string, DeviceState> deviceState) =>
        RingGroupPlanner.Plan(new RingGroupConfig { Number = "600", Strategy = strategy, Members = ["4001", "4002", "4003"] }, deviceState);

    private static Func<string, DeviceState> States(params (string Member, DeviceState State)[] overrides) =>
        member => overrides.FirstOrDefault(o => o.Member == member) is { Member: not null } found ? found.State : DeviceState.NotInUse;

    private static List<List<string>> Flatten(ImmutableArray<ImmutableArray<string>> waves) =>
        [.. waves.Select(w => w.ToList())];
}
