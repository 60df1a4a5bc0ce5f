using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>Parking a leg, picking it up, and ringing back the one who parked it.</summary>
public sealed class CallFlowParkingTests
{
    [Fact]
    public void A_parked_leg_waits_in_its_slot_its_peer_leaves_and_the_lot_shows_who_parked_it()
    {
        var h = CallFlowStartTests.Connected();
        ParkedCallView? taken = null;
        h.LotAnswer = view => (taken = view) is not null ? PbxResult<int>.Success(702) : PbxResult<int>.Fail(DomainError.ParkingLotFull);
        var caller = h.LegOf("4001").Name;

        var reply = h.Run(new CallInput.Park(caller, "default"));

        Assert.Equal(new CallReply(PbxResult.Ok, true, 702), reply);
        Assert.Equal(CallPhase.Parked, h.Call.Phase);
        Assert.Equal((caller, "4002", "default"), (taken!.Channel, taken.ParkedBy, taken.Lot));
        Assert.Equal(new ParkedLeg("default", 702, caller, "4002", 45) { TimerPending = true }, h.Call.Parked);
        Assert.Equal(((int?)702, "Parked", (string?)null), (h.LegOf("4001").Channel.ParkedSlot, h.LegOf("4001").Channel.Application, h.LegOf("4001").Channel.LinkedChannel));
        Assert.False(h.LegOf("4002").Live);
        Assert.Equal([(TimerKind.ParkTimeout, "")], h.Timers);
    }

    [Fact]
    public void Parking_in_a_lot_that_does_not_exist_or_is_full_is_refused_and_the_call_stays_connected()
    {
        var missing = CallFlowStartTests.Connected();
        Assert.Equal(DomainError.ParkingLotNotFound, missing.Run(new CallInput.Park(missing.LegOf("4001").Name, "nowhere"))!.Result.Error);
        Assert.Equal(CallPhase.Connected, missing.Call.Phase);

        var full = CallFlowStartTests.Connected();
        full.LotAnswer = _ => PbxResult<int>.Fail(DomainError.ParkingLotFull, "full");
        Assert.Equal(DomainError.ParkingLotFull, full.Run(new CallInput.Park(full.LegOf("4001").Name, "default"))!.Result.Error);
        Assert.Equal(CallPhase.Connected, full.Call.Phase);
    }

    [Fact]
    public void An_extension_that_picks_the_call_up_is_bridged_to_it_and_the_slot_is_freed()
    {
        var h = Parked();

        h.Run(new CallInput.JoinParked("4003", 701, OffHook: false));
        var joiner = h.LegOf("4003");
        Assert.Equal((LegRole.Joiner, ChannelState.Ringing, "701"), (joiner.Role, joiner.Channel.State, joiner.Channel.Exten));
        Assert.Equal("0612345678", joiner.Channel.CallerIdNumber);

        h.Answer(joiner);

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        Assert.Null(h.Call.Parked);
        Assert.Contains(new CallEffect.ReleaseParkingSlot("default", 701, h.Caller.Name), h.Effects);
        Assert.Equal(((int?)null, "Dial", joiner.Name), (h.Caller.Channel.ParkedSlot, h.Caller.Channel.Application, h.Caller.Channel.LinkedChannel));
        Assert.DoesNotContain((TimerKind.ParkTimeout, ""), h.Timers);
    }

    [Fact]
    public void An_extension_off_hook_picks_the_call_up_at_once()
    {
        var h = Parked();

        h.Run(new CallInput.JoinParked("4003", 701, OffHook: true));

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        Assert.Equal(("4003", ChannelState.Up), (h.LegOf("4003").Channel.CallerIdNumber, h.LegOf("4003").Channel.State));
    }

    [Fact]
    public void A_second_pick_up_while_one_rings_is_refused_and_a_pick_up_by_no_extension_too()
    {
        var h = Parked();
        h.Run(new CallInput.JoinParked("4003", 701, OffHook: false));

        Assert.Equal(DomainError.IllegalTransition, h.Run(new CallInput.JoinParked("4001", 701, OffHook: false))!.Result.Error);

        var other = Parked();
        var reply = other.Run(new CallInput.JoinParked("4999", 701, OffHook: false));
        Assert.Equal((DomainError.ExtensionNotFound, false), (reply!.Result.Error, reply.Publish));
    }

    [Fact]
    public void A_parked_call_nobody_picks_up_rings_back_the_one_who_parked_it_and_waits_again_when_it_does_not_answer()
    {
        var h = Parked();

        h.Fire(TimerKind.ParkTimeout);

        var ringBack = h.LegOf("4002");
        Assert.Equal((LegRole.Joiner, ChannelState.Ringing), (ringBack.Role, ringBack.Channel.State));
        Assert.DoesNotContain(h.Timers, t => t.Kind == TimerKind.ParkTimeout);

        h.Fire(TimerKind.RingTimeout, ringBack.Name);

        Assert.Equal(CallPhase.Parked, h.Call.Phase);
        Assert.Contains((TimerKind.ParkTimeout, ""), h.Timers);
    }

    [Fact]
    public void The_parked_caller_hanging_up_frees_its_slot()
    {
        var h = Parked();

        h.Hangup(h.Caller);

        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.Contains(new CallEffect.ReleaseParkingSlot("default", 701, h.LegOf("upc").Name), h.Effects);
        Assert.Empty(h.Timers);
    }

    [Fact]
    public void A_connected_queue_call_that_is_parked_completes_in_its_queue()
    {
        var h = CallFlowQueueTests.Queued();
        h.Run(new CallInput.QueueOffered(new QueueOffer("sales", "SIP/4003", "4003", null, 15, 9)));
        h.Answer(h.LegOf("4003"));

        h.Run(new CallInput.Park(h.Caller.Name, "default"));

        Assert.Equal(CallPhase.Parked, h.Call.Phase);
        Assert.Contains(new CallEffect.TellQueueCompleted("sales", h.Now), h.Effects);
    }

    /// <summary>An inbound caller talking to 4002, parked by it in slot 701 of the default lot.</summary>
    private static CallHarness Parked()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"), CallHarness.Phone("4003"));
        h.Inbound("4002");
        h.Answer(h.LegOf("4002"));
        Assert.True(h.Run(new CallInput.Park(h.Caller.Name, "default"))!.Result.IsOk);
        Assert.Equal(CallPhase.Parked, h.Call.Phase);
        return h;
    }
}
