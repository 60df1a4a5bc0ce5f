using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Events;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>Which events one change of a leg makes.</summary>
public sealed class CallEventRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly ChannelSnapshot Ringing = new() { Name = "SIP/102-1", UniqueId = "1.1", CallId = "1.1", State = ChannelState.Ringing, Version = 1 };

    private static IEnumerable<CallEventKind> Kinds(ChannelSnapshot? before, ChannelSnapshot after) =>
        CallEventRules.Diff(before, after, originating: false, parkingLot: "default", At).Select(e => e.Kind);

    [Fact]
    public void A_new_leg_is_created_once()
    {
        Assert.Equal([CallEventKind.ChannelCreated], Kinds(null, Ringing));
        Assert.DoesNotContain(CallEventKind.ChannelCreated, Kinds(Ringing, Ringing with { Version = 2, CallerIdName = "x" }));
    }

    [Fact]
    public void A_change_of_caller_id_or_variables_alone_is_an_update_and_nothing_else_is()
    {
        Assert.Equal([CallEventKind.Updated], Kinds(Ringing, Ringing with { Version = 2, CallerIdName = "x" }));
        Assert.Equal([CallEventKind.Updated], Kinds(Ringing, Ringing with { Version = 2, Variables = Ringing.Variables.Add("A", "1") }));
        Assert.Empty(Kinds(Ringing, Ringing with { Version = 2 }));
        Assert.Equal([CallEventKind.Answered], Kinds(Ringing, Ringing with { State = ChannelState.Up, ConnectedLineNumber = "104" }));
    }

    [Fact]
    public void An_answer_that_bridges_is_answered_then_linked()
    {
        Assert.Equal([CallEventKind.Answered, CallEventKind.Linked], Kinds(Ringing, Ringing with { State = ChannelState.Up, LinkedChannel = "SIP/trunk-2" }));
    }

    [Fact]
    public void Hold_and_unhold_are_announced_but_a_hangup_on_hold_is_only_a_hangup()
    {
        var up = Ringing with { State = ChannelState.Up };
        var held = up with { OnHold = true };
        Assert.Equal([CallEventKind.Held], Kinds(up, held));
        Assert.Equal([CallEventKind.Unheld], Kinds(held, up));
        Assert.Equal([CallEventKind.HungUp], Kinds(held, held with { State = ChannelState.Down, OnHold = false, HangupCause = HangupCause.NormalClearing }));
    }

    [Fact]
    public void A_parked_leg_that_hangs_up_leaves_its_slot_first()
    {
        var parked = Ringing with { State = ChannelState.Up, ParkedSlot = 701 };
        var events = CallEventRules.Diff(parked, parked with { State = ChannelState.Down, HangupCause = HangupCause.NormalClearing }, false, "default", At).ToList();

        Assert.Equal([CallEventKind.Unparked, CallEventKind.HungUp], events.Select(e => e.Kind));
        Assert.Equal(701, events[0].ParkedSlot);
        Assert.Equal("default", events[0].ParkingLot);
    }

    [Fact]
    public void A_picked_up_parked_leg_leaves_its_slot_before_it_is_bridged()
    {
        var parked = Ringing with { State = ChannelState.Up, ParkedSlot = 701 };

        Assert.Equal([CallEventKind.Unparked, CallEventKind.Linked], Kinds(parked, parked with { ParkedSlot = null, LinkedChannel = "SIP/103-3" }));
    }
}
