using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>Every request on a call in every phase: which are taken and what the others are refused with.</summary>
public sealed class CallFlowPhaseTests
{
    public enum Phase
    {
        NotStarted,
        Setup,
        Dialing,
        Queued,
        Connected,
        Parked,
        Ended,
    }

    public enum Request
    {
        AnswerCaller,
        RejectCaller,
        HoldCaller,
        SetVariable,
        ParkCaller,
        RedirectCaller,
        JoinParked,
        Spy,
        HangupCall,
        QueueOffer,
    }

    [Theory]
    [InlineData(Phase.NotStarted, Request.AnswerCaller, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.AnswerCaller, DomainError.None)]
    [InlineData(Phase.Dialing, Request.AnswerCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Queued, Request.AnswerCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Connected, Request.AnswerCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Parked, Request.AnswerCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Ended, Request.AnswerCaller, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.RejectCaller, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.RejectCaller, DomainError.None)]
    [InlineData(Phase.Dialing, Request.RejectCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Queued, Request.RejectCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Connected, Request.RejectCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Parked, Request.RejectCaller, DomainError.ChannelNotRinging)]
    [InlineData(Phase.Ended, Request.RejectCaller, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.HoldCaller, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.HoldCaller, DomainError.ChannelNotUp)]
    [InlineData(Phase.Dialing, Request.HoldCaller, DomainError.None)]
    [InlineData(Phase.Queued, Request.HoldCaller, DomainError.None)]
    [InlineData(Phase.Connected, Request.HoldCaller, DomainError.None)]
    [InlineData(Phase.Parked, Request.HoldCaller, DomainError.IllegalTransition)]
    [InlineData(Phase.Ended, Request.HoldCaller, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.SetVariable, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.SetVariable, DomainError.None)]
    [InlineData(Phase.Dialing, Request.SetVariable, DomainError.None)]
    [InlineData(Phase.Queued, Request.SetVariable, DomainError.None)]
    [InlineData(Phase.Connected, Request.SetVariable, DomainError.None)]
    [InlineData(Phase.Parked, Request.SetVariable, DomainError.None)]
    [InlineData(Phase.Ended, Request.SetVariable, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.ParkCaller, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.ParkCaller, DomainError.ChannelNotBridged)]
    [InlineData(Phase.Dialing, Request.ParkCaller, DomainError.ChannelNotBridged)]
    [InlineData(Phase.Queued, Request.ParkCaller, DomainError.ChannelNotBridged)]
    [InlineData(Phase.Connected, Request.ParkCaller, DomainError.None)]
    [InlineData(Phase.Parked, Request.ParkCaller, DomainError.ChannelNotBridged)]
    [InlineData(Phase.Ended, Request.ParkCaller, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.RedirectCaller, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.RedirectCaller, DomainError.ChannelNotUp)]
    [InlineData(Phase.Dialing, Request.RedirectCaller, DomainError.None)]
    [InlineData(Phase.Queued, Request.RedirectCaller, DomainError.None)]
    [InlineData(Phase.Connected, Request.RedirectCaller, DomainError.None)]
    [InlineData(Phase.Parked, Request.RedirectCaller, DomainError.None)]
    [InlineData(Phase.Ended, Request.RedirectCaller, DomainError.CallEnded)]
    [InlineData(Phase.NotStarted, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.Setup, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.Dialing, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.Queued, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.Connected, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.Parked, Request.JoinParked, DomainError.None)]
    [InlineData(Phase.Ended, Request.JoinParked, DomainError.ParkingSlotEmpty)]
    [InlineData(Phase.NotStarted, Request.Spy, DomainError.ChannelNotFound)]
    [InlineData(Phase.Setup, Request.Spy, DomainError.SpyTargetNotUp)]
    [InlineData(Phase.Dialing, Request.Spy, DomainError.None)]
    [InlineData(Phase.Queued, Request.Spy, DomainError.None)]
    [InlineData(Phase.Connected, Request.Spy, DomainError.None)]
    [InlineData(Phase.Parked, Request.Spy, DomainError.None)]
    [InlineData(Phase.Ended, Request.Spy, DomainError.ChannelNotFound)]
    [InlineData(Phase.NotStarted, Request.HangupCall, DomainError.CallNotFound)]
    [InlineData(Phase.Setup, Request.HangupCall, DomainError.None)]
    [InlineData(Phase.Dialing, Request.HangupCall, DomainError.None)]
    [InlineData(Phase.Queued, Request.HangupCall, DomainError.None)]
    [InlineData(Phase.Connected, Request.HangupCall, DomainError.None)]
    [InlineData(Phase.Parked, Request.HangupCall, DomainError.None)]
    [InlineData(Phase.Ended, Request.HangupCall, DomainError.CallNotFound)]
    public void A_request_in_each_phase_is_taken_or_refused_as_the_rules_say(Phase phase, Request request, DomainError expected)
    {
        var h = In(phase);
        var before = h.Call;

        var reply = h.Run(Make(request, h));

        Assert.Equal(expected, reply!.Result.Error);
        if (expected != DomainError.None && !reply.Publish)
        {
            // A refusal that never reached a leg leaves the call exactly as it was.
            Assert.Same(before, h.Call);
            Assert.Empty(h.Effects);
        }
    }

    [Theory]
    [InlineData(Phase.NotStarted)]
    [InlineData(Phase.Setup)]
    [InlineData(Phase.Dialing)]
    [InlineData(Phase.Connected)]
    [InlineData(Phase.Parked)]
    [InlineData(Phase.Ended)]
    public void A_queue_offer_to_a_call_that_does_not_wait_in_the_queue_is_declined_at_once_and_shows_nothing(Phase phase)
    {
        var h = In(phase);

        var reply = h.Run(Make(Request.QueueOffer, h));

        Assert.False(reply!.Publish);
        var declined = Assert.IsType<CallEffect.TellOfferResult>(Assert.Single(h.Effects));
        Assert.Equal(("sales", 9L, false), (declined.Queue, declined.OfferId, declined.Answered));
    }

    [Fact]
    public void A_queue_offer_to_a_waiting_caller_rings_the_member()
    {
        var h = In(Phase.Queued);

        var reply = h.Run(Make(Request.QueueOffer, h));

        Assert.Equal(CallReply.Done, reply);
        var member = h.LegOf("4003");
        Assert.Equal((LegRole.QueueMember, ChannelState.Ringing, 9L), (member.Role, member.Channel.State, member.Offer!.OfferId));
    }

    [Theory]
    [InlineData(Phase.Setup)]
    [InlineData(Phase.Connected)]
    public void A_request_on_a_leg_that_has_hung_up_is_refused_as_ended(Phase phase)
    {
        var h = In(phase);
        var gone = h.Call.Legs[^1];
        h.Hangup(gone);
        Assert.False(h.Call.Find(gone.Name)!.Live);

        Assert.Equal(DomainError.CallEnded, h.Run(new CallInput.Hold(gone.Name))!.Result.Error);
    }

    [Fact]
    public void A_request_on_a_channel_the_call_never_had_is_refused_as_not_found()
    {
        var h = In(Phase.Connected);

        Assert.Equal(DomainError.ChannelNotFound, h.Run(new CallInput.Hold("SIP/9999-00000001"))!.Result.Error);
        Assert.Empty(h.Effects);
    }

    [Fact]
    public void A_hangup_of_the_whole_call_publishes_once_from_its_end_not_again_after_it()
    {
        var h = In(Phase.Connected);

        var reply = h.Run(new CallInput.Hangup(null, HangupCause.NormalClearing));

        Assert.Equal((DomainError.None, false), (reply!.Result.Error, reply.Publish));
        Assert.Single(h.Effects.OfType<CallEffect.Publish>());
    }

    [Fact]
    public void A_timer_of_a_leg_that_is_no_longer_ringing_does_nothing()
    {
        var h = In(Phase.Connected);
        var before = h.Call;

        h.Run(new CallInput.TimerFired(TimerKind.RingTimeout, h.LegOf("4002").Name));

        Assert.Same(before, h.Call);
        Assert.Empty(h.Effects);
    }

    internal static CallHarness In(Phase phase)
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002"), CallHarness.Phone("4003"));
        h.Numbers["600"] = new Destination(DestinationKind.Queue, "sales", "600");
        switch (phase)
        {
            case Phase.NotStarted:
                break;
            case Phase.Queued:
                h.Inbound("600");
                break;
            default:
                h.Originate("4001", "4002");
                if (phase >= Phase.Dialing)
                {
                    h.Answer(h.LegOf("4001"));
                }

                if (phase >= Phase.Connected)
                {
                    h.Answer(h.LegOf("4002"));
                }

                if (phase == Phase.Parked)
                {
                    Assert.True(h.Run(new CallInput.Park(h.LegOf("4001").Name, "default"))!.Result.IsOk);
                }

                if (phase == Phase.Ended)
                {
                    h.Run(new CallInput.Hangup(null, HangupCause.NormalClearing));
                }

                break;
        }

        Assert.Equal(phase switch
        {
            Phase.NotStarted => CallPhase.Setup,
            Phase.Setup => CallPhase.Setup,
            Phase.Dialing => CallPhase.Dialing,
            Phase.Queued => CallPhase.Queued,
            Phase.Connected => CallPhase.Connected,
            Phase.Parked => CallPhase.Parked,
            _ => CallPhase.Ended,
        }, h.Call.Phase);
        return h;
    }

    private static CallInput Make(Request request, CallHarness h)
    {
        // The caller's leg: the live one, else (a call that ended) the first; a call that never started has none.
        var caller = h.Call.Caller?.Name ?? (h.Call.Legs.IsEmpty ? "SIP/4001-00000100" : h.Call.Legs[0].Name);
        return request switch
        {
            Request.AnswerCaller => new CallInput.Answer(caller),
            Request.RejectCaller => new CallInput.Reject(caller),
            Request.HoldCaller => new CallInput.Hold(caller),
            Request.SetVariable => new CallInput.SetVariable(caller, "CRM", "42"),
            Request.ParkCaller => new CallInput.Park(caller, "default"),
            Request.RedirectCaller => new CallInput.Redirect(caller, "4003"),
            Request.JoinParked => new CallInput.JoinParked("4003", 701, OffHook: false),
            Request.Spy => new CallInput.Spy(new SpyRequest { SpyExtension = "4003", TargetChannel = caller }),
            Request.HangupCall => new CallInput.Hangup(null, HangupCause.NormalClearing),
            _ => new CallInput.QueueOffered(new QueueOffer("sales", "SIP/4003", "4003", null, 15, 9)),
        };
    }
}
