using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>A call in a queue: joining, offers to members, the member that answers, and leaving.</summary>
public sealed class CallFlowQueueTests
{
    private static readonly QueueOffer Offer = new("sales", "SIP/4003", "4003", null, 15, 9);

    [Fact]
    public void A_call_to_a_queue_is_answered_by_the_pbx_and_waits_in_it_once_the_queue_takes_it()
    {
        var h = Queued(patience: 40);

        var caller = h.Caller;
        Assert.Equal(CallPhase.Queued, h.Call.Phase);
        Assert.Equal((ChannelState.Up, "Queue", "sales"), (caller.Channel.State, caller.Channel.Application, caller.Channel.Queue));
        Assert.Equal(new QueueSeat("sales") { Waiting = true, Position = 3 }, h.Call.Queue);
        var join = Assert.Single(h.Effects.OfType<CallEffect.JoinQueue>());
        Assert.Equal(new QueueEntry(CallHarness.CallId, caller.Name, "0612345678", "", h.Now), join.Entry);
        Assert.Equal([(TimerKind.CallerGivesUp, caller.Name)], h.Timers);
    }

    [Theory]
    [InlineData(DomainError.QueueFull, HangupCause.NormalClearing)]
    [InlineData(DomainError.QueueNotFound, HangupCause.UnallocatedNumber)]
    public void A_call_the_queue_does_not_take_ends(DomainError refusal, HangupCause cause)
    {
        var h = new CallHarness();
        h.Numbers["600"] = new Destination(DestinationKind.Queue, "sales", "600");
        h.QueueAnswer = _ => PbxResult<int>.Fail(refusal);

        h.Inbound("600");

        Assert.Equal((CallPhase.Ended, cause, "Queue"), (h.Call.Phase, h.Cdr.HangupCause, h.Cdr.LastApplication));
        Assert.DoesNotContain(h.Effects, e => e is CallEffect.TellQueueAbandoned);
    }

    [Fact]
    public void The_member_that_answers_is_bridged_and_the_queue_hears_of_it_after_the_call_is_shown()
    {
        var h = Queued(patience: 40);
        h.Run(new CallInput.QueueOffered(Offer));
        var member = h.LegOf("4003");

        h.Answer(member);

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
        Assert.Equal(new QueueSeat("sales") { Connected = true, Position = 3 }, h.Call.Queue);
        Assert.DoesNotContain((TimerKind.CallerGivesUp, h.Caller.Name), h.Timers);
        Assert.Equal(member.Name, h.Caller.Channel.LinkedChannel);
        Assert.Equal("Queue", h.Caller.Channel.Application);
        var tell = Assert.IsType<CallEffect.TellOfferResult>(h.Effects[^1]);
        Assert.Equal(("sales", 9L, true, member.Name, h.Now), (tell.Queue, tell.OfferId, tell.Answered, tell.MemberChannel, tell.At));
        var shown = Assert.IsType<CallEffect.Publish>(h.Effects[^2]).Call;
        Assert.Equal(CallPhase.Connected, shown.Phase);
    }

    [Fact]
    public void A_member_that_refuses_at_once_is_reported_to_the_queue_after_its_leg_is_shown_gone()
    {
        var h = Queued();
        h.Extensions["4003"] = h.Extensions["4003"] with { Config = CallHarness.Phone("4003", PhoneMode.Busy) };

        h.Run(new CallInput.QueueOffered(Offer));

        Assert.Equal(CallPhase.Queued, h.Call.Phase);
        Assert.Equal(HangupCause.UserBusy, h.LegOf("4003").Channel.HangupCause);
        Assert.IsType<CallEffect.Publish>(h.Effects[^2]);
        Assert.Equal(new CallEffect.TellOfferResult("sales", 9, false, null, h.Now), h.Effects[^1]);
    }

    [Fact]
    public void An_offer_to_a_member_that_is_no_extension_is_declined()
    {
        var h = Queued();

        h.Run(new CallInput.QueueOffered(Offer with { Extension = "4999" }));

        Assert.Equal(new CallEffect.TellOfferResult("sales", 9, false, null, h.Now), h.Effects[^1]);
        Assert.Single(h.Call.Legs);
    }

    [Fact]
    public void A_member_that_does_not_answer_in_time_is_reported_and_the_caller_keeps_waiting()
    {
        var h = Queued();
        h.Run(new CallInput.QueueOffered(Offer));

        h.Fire(TimerKind.RingTimeout, h.LegOf("4003").Name);

        Assert.Equal(CallPhase.Queued, h.Call.Phase);
        Assert.Equal(new CallEffect.TellOfferResult("sales", 9, false, null, h.Now), h.Effects[^1]);
    }

    [Fact]
    public void A_caller_that_runs_out_of_patience_abandons_the_queue_at_the_instant_its_patience_ran_out()
    {
        var h = Queued(patience: 40);
        h.Now = Channels.T0.AddSeconds(40);

        h.Fire(TimerKind.CallerGivesUp, h.Caller.Name);

        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.Equal(new CallEffect.TellQueueAbandoned("sales", Channels.T0.AddSeconds(40)), h.Effects[^2]);
        Assert.IsType<CallEffect.Publish>(h.Effects[^3]);
        Assert.Equal(("sales", CdrDisposition.NoAnswer), (h.Cdr.Queue, h.Cdr.Disposition));
    }

    [Fact]
    public void A_queue_call_that_ends_once_connected_completes_and_frees_its_member_at_the_instant_of_the_hang_up()
    {
        var h = Queued();
        h.Run(new CallInput.QueueOffered(Offer));
        h.Answer(h.LegOf("4003"));
        h.Now = Channels.T0.AddSeconds(95);

        h.Hangup(h.Caller);

        Assert.Equal(new CallEffect.TellQueueCompleted("sales", Channels.T0.AddSeconds(95)), h.Effects[^2]);
        Assert.Equal(new QueueSeat("sales") { Position = 3 }, h.Call.Queue);
    }

    internal static CallHarness Queued(double? patience = null)
    {
        var h = new CallHarness(CallHarness.Phone("4003"));
        h.Numbers["600"] = new Destination(DestinationKind.Queue, "sales", "600");
        h.QueueAnswer = _ => PbxResult<int>.Success(3);
        h.Inbound("600", patience);
        return h;
    }
}
