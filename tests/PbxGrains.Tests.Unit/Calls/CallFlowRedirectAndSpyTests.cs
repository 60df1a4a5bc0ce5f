using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>Blind transfer, spies, and the requests that only change a leg.</summary>
public sealed class CallFlowRedirectAndSpyTests
{
    [Fact]
    public void A_redirected_leg_becomes_the_caller_of_a_new_dial_and_everyone_else_leaves()
    {
        var h = CallFlowStartTests.Connected();
        h.Add(CallHarness.Phone("4003"));
        var moved = h.LegOf("4002").Name;

        Assert.Equal(CallReply.Done, h.Run(new CallInput.Redirect(moved, "4003")));

        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
        Assert.False(h.LegOf("4001").Live);
        Assert.Equal((LegRole.Caller, (string?)null), (h.Caller.Role, h.Caller.Channel.LinkedChannel));
        Assert.Equal(moved, h.Caller.Name);
        Assert.Equal(ChannelState.Ringing, h.LegOf("4003").Channel.State);
        Assert.Equal("4003", h.Call.Facts.Destination);
    }

    [Fact]
    public void A_redirect_of_a_queue_call_shows_the_call_the_others_left_before_the_queue_hears_of_it_and_only_then_dials_on()
    {
        var h = CallFlowQueueTests.Queued();
        h.Add(CallHarness.Phone("4001"));

        h.Run(new CallInput.Redirect(h.Caller.Name, "4001"));

        var abandoned = h.Effects.FindIndex(e => e is CallEffect.TellQueueAbandoned);
        var shown = Assert.IsType<CallEffect.Publish>(h.Effects[abandoned - 1]).Call;
        Assert.Equal(CallPhase.Queued, shown.Phase);
        Assert.True(abandoned < h.Effects.FindIndex(e => e is CallEffect.OpenLeg { Order: DestinationLeg }));
        Assert.Equal(CallPhase.Dialing, h.Call.Phase);
    }

    [Fact]
    public void A_redirect_to_a_number_the_pbx_cannot_reach_is_refused_and_the_call_goes_on()
    {
        var h = CallFlowStartTests.Connected();

        var reply = h.Run(new CallInput.Redirect(h.LegOf("4002").Name, "999"));

        Assert.Equal(DomainError.DestinationNotFound, reply!.Result.Error);
        Assert.Equal(CallPhase.Connected, h.Call.Phase);
    }

    [Fact]
    public void A_spy_rings_and_once_answered_listens_to_its_target_until_the_target_hangs_up()
    {
        var h = CallFlowStartTests.Connected();
        h.Add(CallHarness.Phone("4003"));
        var target = h.LegOf("4002");

        Assert.Equal(CallReply.Done, h.Run(new CallInput.Spy(new SpyRequest { SpyExtension = "4003", TargetChannel = target.Name, Mode = SpyMode.Whisper })));
        var spy = h.LegOf("4003");
        Assert.Equal((LegRole.Spy, ChannelState.Ringing, target.Channel.CallerIdNumber), (spy.Role, spy.Channel.State, spy.Channel.CallerIdNumber));

        h.Answer(spy);
        Assert.Equal((target.Name, SpyMode.Whisper, "ChanSpy"), (h.LegOf("4003").Channel.SpyTarget, h.LegOf("4003").Channel.SpyMode, h.LegOf("4003").Channel.Application));

        h.Hangup(h.LegOf("4002"));
        Assert.False(h.LegOf("4003").Live);
        Assert.DoesNotContain(h.LegOf("4003").Name, h.Cdr.Channels);
    }

    [Fact]
    public void A_spy_that_hangs_up_leaves_the_call_as_it_was()
    {
        var h = CallFlowStartTests.Connected();
        h.Add(CallHarness.Phone("4003"));
        h.Run(new CallInput.Spy(new SpyRequest { SpyExtension = "4003", TargetChannel = h.LegOf("4001").Name }));

        h.Hangup(h.LegOf("4003"));

        Assert.Equal(CallPhase.Connected, h.Call.Phase);
    }

    [Theory]
    [InlineData("4001", DomainError.SpyOnSelf)]
    [InlineData("4999", DomainError.ExtensionNotFound)]
    public void A_spy_on_its_own_line_or_from_no_extension_is_refused(string spy, DomainError error)
    {
        var h = CallFlowStartTests.Connected();

        var reply = h.Run(new CallInput.Spy(new SpyRequest { SpyExtension = spy, TargetChannel = h.LegOf("4001").Name }));

        Assert.Equal((error, false), (reply!.Result.Error, reply.Publish));
    }

    [Fact]
    public void A_recording_turned_on_is_the_one_the_cdr_names()
    {
        var h = CallFlowStartTests.Connected();

        Assert.Equal(CallReply.Done, h.Run(new CallInput.SetRecording(h.LegOf("4001").Name, true, "calls/x.wav")));
        h.Hangup(h.LegOf("4001"));

        Assert.Equal("calls/x.wav", h.Cdr.RecordingFile);
    }

    [Fact]
    public void Hold_and_unhold_change_the_leg_and_a_second_hold_is_refused_but_still_acted_on()
    {
        var h = CallFlowStartTests.Connected();
        var leg = h.LegOf("4001").Name;

        h.Run(new CallInput.Hold(leg));
        Assert.True(h.LegOf("4001").Channel.OnHold);

        var again = h.Run(new CallInput.Hold(leg));
        Assert.Equal((DomainError.ChannelOnHold, true), (again!.Result.Error, again.Publish));

        h.Run(new CallInput.Unhold(leg));
        Assert.False(h.LegOf("4001").Channel.OnHold);
    }
}
