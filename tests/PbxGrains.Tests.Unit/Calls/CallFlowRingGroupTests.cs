using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>A call to a ring group rings its members wave after wave.</summary>
public sealed class CallFlowRingGroupTests
{
    [Fact]
    public void A_hunt_group_rings_one_member_a_wave_for_its_ring_time_then_the_next()
    {
        var h = Group(RingGroupStrategy.Hunt, "4002", "4003");

        h.Dial("4001", "700");

        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
        Assert.Equal(ChannelState.Ringing, h.LegOf("4002").Channel.State);
        Assert.Equal("700", h.LegOf("4002").Channel.Exten);
        Assert.Contains((TimerKind.WaveEnds, ""), h.Timers);
        Assert.Contains((TimerKind.RingTimeout, h.LegOf("4002").Name), h.Timers);
        Assert.Equal(TimeSpan.FromSeconds(21), h.Effects.OfType<CallEffect.StartTimer>().Single(t => t.Kind == TimerKind.RingTimeout).Delay);

        h.Fire(TimerKind.WaveEnds);

        Assert.Equal(HangupCause.NoAnswer, h.LegOf("4002").Channel.HangupCause);
        Assert.Equal(ChannelState.Ringing, h.LegOf("4003").Channel.State);

        h.Fire(TimerKind.WaveEnds);

        Assert.Equal((CallPhase.Ended, HangupCause.NoAnswer), (h.Call.Phase, h.Cdr.HangupCause));
    }

    [Fact]
    public void A_ring_all_group_rings_everyone_and_the_first_to_answer_takes_the_call()
    {
        var h = Group(RingGroupStrategy.RingAll, "4002", "4003");
        h.Dial("4001", "700");

        h.Answer(h.LegOf("4003"));

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        Assert.Equal(HangupCause.NormalClearing, h.LegOf("4002").Channel.HangupCause);
        Assert.DoesNotContain((TimerKind.WaveEnds, ""), h.Timers);
        Assert.Equal(h.LegOf("4003").Name, h.LegOf("4001").Channel.LinkedChannel);
    }

    [Fact]
    public void A_member_that_refuses_at_once_does_not_end_the_wave_the_others_ring_in()
    {
        var h = Group(RingGroupStrategy.RingAll, "4002", "4003");
        h.Extensions["4002"] = h.Extensions["4002"] with { Config = CallHarness.Phone("4002", PhoneMode.DoNotDisturb) };

        h.Dial("4001", "700");

        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
        Assert.Equal(HangupCause.UserBusy, h.LegOf("4002").Channel.HangupCause);
        Assert.Equal(ChannelState.Ringing, h.LegOf("4003").Channel.State);
        Assert.False(h.Call.Waves!.SettingUp);
    }

    [Fact]
    public void A_wave_nobody_in_it_could_ring_moves_on_to_the_next_at_once()
    {
        var h = Group(RingGroupStrategy.Hunt, "4002", "4003");
        h.Extensions["4002"] = h.Extensions["4002"] with { Config = CallHarness.Phone("4002", PhoneMode.Busy) };

        h.Dial("4001", "700");

        Assert.Equal(ChannelState.Ringing, h.LegOf("4003").Channel.State);
        Assert.Equal(1, h.Call.Waves!.Index);
    }

    [Fact]
    public void A_member_that_is_no_extension_is_dialled_outside_without_its_hash()
    {
        var h = Group(RingGroupStrategy.RingAll, "0612345678#");

        h.Dial("4001", "700");

        var outside = h.LegOf("upc");
        Assert.Equal(("0612345678", LegRole.Callee), (outside.Channel.Exten, outside.Role));
    }

    [Fact]
    public void A_ring_group_whose_members_are_all_busy_ends_busy_and_one_that_does_not_exist_is_unallocated()
    {
        var busy = Group(RingGroupStrategy.RingAll, "4002");
        busy.Add(CallHarness.Phone("4002"), state: DeviceState.Busy);
        busy.Dial("4001", "700");
        Assert.Equal(HangupCause.UserBusy, busy.Cdr.HangupCause);

        var missing = Group(RingGroupStrategy.RingAll, "4002");
        missing.RingGroups.Clear();
        missing.Dial("4001", "700");
        Assert.Equal(HangupCause.UnallocatedNumber, missing.Cdr.HangupCause);
    }

    [Fact]
    public void A_member_whose_own_ring_timer_runs_out_moves_a_hunt_on_before_the_wave_ends()
    {
        var h = Group(RingGroupStrategy.Hunt, "4002", "4003");
        h.Dial("4001", "700");

        h.Fire(TimerKind.RingTimeout, h.LegOf("4002").Name);

        Assert.Equal(ChannelState.Ringing, h.LegOf("4003").Channel.State);
        Assert.Single(h.Timers, t => t.Kind == TimerKind.WaveEnds);
    }

    private static CallHarness Group(RingGroupStrategy strategy, params string[] members)
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"), CallHarness.Phone("4003"));
        h.Numbers["700"] = new Destination(DestinationKind.RingGroup, "700", "700");
        h.RingGroups["700"] = new RingGroupConfig { Number = "700", Strategy = strategy, RingTimeSeconds = 20, Members = [.. members] };
        return h;
    }
}
