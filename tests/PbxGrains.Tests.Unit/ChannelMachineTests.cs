using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class ChannelMachineTests
{
    private static DateTimeOffset Later => Channels.T0.AddSeconds(7);

    [Fact]
    public void Answering_a_ringing_called_leg_brings_it_up_and_stamps_the_answer_time()
    {
        var result = ChannelMachine.Answer(Channels.Ringing(), Later);

        var up = Succeeded(result, Channels.Ringing());
        Assert.Equal(ChannelState.Up, up.State);
        Assert.Equal(Later, up.Answered);
    }

    [Fact]
    public void Answering_a_calling_leg_in_ring_brings_it_up()
    {
        var result = ChannelMachine.Answer(Channels.Ring(), Later);

        var up = Succeeded(result, Channels.Ring());
        Assert.Equal(ChannelState.Up, up.State);
        Assert.Equal(Later, up.Answered);
    }

    [Fact]
    public void Answering_keeps_the_first_answer_time_when_one_is_already_known()
    {
        var ringing = Channels.Ringing() with { Answered = Channels.T0 };

        var up = ChannelMachine.Answer(ringing, Later).Value!;

        Assert.Equal(Channels.T0, up.Answered);
    }

    [Theory]
    [InlineData("Up")]
    [InlineData("Down")]
    [InlineData("Busy")]
    [InlineData("Held")]
    [InlineData("Parked")]
    public void Answering_a_leg_that_is_not_ringing_is_refused_as_not_ringing(string state)
    {
        var result = ChannelMachine.Answer(Leg(state), Later);

        Refused(result, DomainError.ChannelNotRinging);
    }

    [Fact]
    public void Answering_a_hung_up_leg_is_refused_as_call_ended()
    {
        Refused(ChannelMachine.Answer(Channels.HungUp(), Later), DomainError.CallEnded);
    }

    [Fact]
    public void A_ringing_called_leg_can_signal_busy()
    {
        var busy = Succeeded(ChannelMachine.Busy(Channels.Ringing()), Channels.Ringing());

        Assert.Equal(ChannelState.Busy, busy.State);
    }

    [Theory]
    [InlineData("Ring")]
    [InlineData("Up")]
    [InlineData("Down")]
    [InlineData("Busy")]
    [InlineData("Held")]
    public void Only_a_ringing_called_leg_can_signal_busy(string state)
    {
        Refused(ChannelMachine.Busy(Leg(state)), DomainError.ChannelNotRinging);
    }

    [Fact]
    public void A_hung_up_leg_cannot_signal_busy()
    {
        Refused(ChannelMachine.Busy(Channels.HungUp()), DomainError.CallEnded);
    }

    [Fact]
    public void Holding_an_up_leg_puts_it_on_hold()
    {
        var held = Succeeded(ChannelMachine.Hold(Channels.Up()), Channels.Up());

        Assert.True(held.OnHold);
        Assert.Equal(ChannelState.Up, held.State);
    }

    [Fact]
    public void Holding_a_leg_that_is_already_on_hold_is_refused()
    {
        Refused(ChannelMachine.Hold(Channels.Held()), DomainError.ChannelOnHold);
    }

    [Fact]
    public void Holding_a_parked_leg_is_an_illegal_transition()
    {
        Refused(ChannelMachine.Hold(Channels.Parked()), DomainError.IllegalTransition);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Holding_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.Hold(Leg(state)), DomainError.ChannelNotUp);
    }

    [Fact]
    public void Unholding_a_held_leg_takes_it_off_hold()
    {
        var resumed = Succeeded(ChannelMachine.Unhold(Channels.Held()), Channels.Held());

        Assert.False(resumed.OnHold);
    }

    [Fact]
    public void Unholding_a_leg_that_is_not_on_hold_is_refused()
    {
        Refused(ChannelMachine.Unhold(Channels.Up()), DomainError.ChannelNotOnHold);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Unholding_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.Unhold(Leg(state)), DomainError.ChannelNotUp);
    }

    [Fact]
    public void Parking_an_up_leg_puts_it_in_the_slot_and_out_of_its_bridge()
    {
        var bridged = Channels.Up() with { LinkedChannel = "SIP/4002-00000001", Application = "Dial" };

        var parked = Succeeded(ChannelMachine.Park(bridged, 702), bridged);

        Assert.Equal(702, parked.ParkedSlot);
        Assert.Null(parked.LinkedChannel);
        Assert.Equal("Parked", parked.Application);
        Assert.Equal(ChannelState.Up, parked.State);
    }

    [Fact]
    public void Parking_a_held_leg_takes_it_off_hold()
    {
        var parked = Succeeded(ChannelMachine.Park(Channels.Held(), 702), Channels.Held());

        Assert.False(parked.OnHold);
        Assert.Equal(702, parked.ParkedSlot);
    }

    [Fact]
    public void Parking_a_leg_that_is_already_parked_is_an_illegal_transition()
    {
        Refused(ChannelMachine.Park(Channels.Parked(), 702), DomainError.IllegalTransition);
    }

    [Fact]
    public void Parking_a_spying_leg_is_an_illegal_transition()
    {
        var spy = Channels.Up() with { SpyTarget = "SIP/4002-00000001" };

        Refused(ChannelMachine.Park(spy, 702), DomainError.IllegalTransition);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Parking_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.Park(Leg(state), 702), DomainError.ChannelNotUp);
    }

    [Fact]
    public void Unparking_a_parked_leg_empties_its_slot_and_puts_it_back_in_a_bridge()
    {
        var unparked = Succeeded(ChannelMachine.Unpark(Channels.Parked()), Channels.Parked());

        Assert.Null(unparked.ParkedSlot);
        Assert.Equal("Bridge", unparked.Application);
    }

    [Fact]
    public void Unparking_a_leg_that_is_not_parked_is_an_illegal_transition()
    {
        Refused(ChannelMachine.Unpark(Channels.Up()), DomainError.IllegalTransition);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Unparking_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.Unpark(Leg(state)), DomainError.ChannelNotUp);
    }

    [Theory]
    [InlineData(SpyMode.Listen)]
    [InlineData(SpyMode.Whisper)]
    [InlineData(SpyMode.Barge)]
    public void An_up_leg_can_spy_on_an_up_leg_of_another_extension(SpyMode mode)
    {
        var spy = Channels.Up("4001", 0x10);
        var target = Channels.Up("4002", 0x11);

        var spying = Succeeded(ChannelMachine.StartSpy(spy, target, mode), spy);

        Assert.Equal(target.Name, spying.SpyTarget);
        Assert.Equal(mode, spying.SpyMode);
        Assert.Equal("ChanSpy", spying.Application);
    }

    [Fact]
    public void A_leg_can_spy_on_a_held_leg_because_it_is_still_up()
    {
        var spy = Channels.Up("4001", 0x10);

        Succeeded(ChannelMachine.StartSpy(spy, Channels.Held("4002", 0x11), SpyMode.Listen), spy);
    }

    [Fact]
    public void A_leg_can_spy_on_a_trunk_leg()
    {
        var spy = Channels.Up("4001", 0x10);

        Succeeded(ChannelMachine.StartSpy(spy, Channels.Trunk(), SpyMode.Listen), spy);
    }

    [Fact]
    public void Two_trunk_legs_of_the_same_trunk_are_not_the_same_line()
    {
        // Every trunk leg names the same trunk as its endpoint; that does not make them one phone.
        var spy = Channels.Trunk("upc", 0x20);
        var target = Channels.Trunk("upc", 0x21);

        Succeeded(ChannelMachine.StartSpy(spy, target, SpyMode.Listen), spy);
    }

    [Fact]
    public void Spying_on_the_same_channel_is_refused_as_spy_on_self()
    {
        var leg = Channels.Up("4001", 0x10);

        Refused(ChannelMachine.StartSpy(leg, leg, SpyMode.Listen), DomainError.SpyOnSelf);
    }

    [Fact]
    public void Spying_on_another_channel_of_the_same_extension_is_refused_as_spy_on_self()
    {
        var spy = Channels.Up("4001", 0x10);
        var otherLineOfSamePhone = Channels.Up("4001", 0x11);

        Refused(ChannelMachine.StartSpy(spy, otherLineOfSamePhone, SpyMode.Whisper), DomainError.SpyOnSelf);
    }

    [Fact]
    public void Spying_on_yourself_is_reported_before_the_target_state()
    {
        var spy = Channels.Up("4001", 0x10);
        var ringingSelf = Channels.Ringing("4001", 0x11);

        Refused(ChannelMachine.StartSpy(spy, ringingSelf, SpyMode.Listen), DomainError.SpyOnSelf);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    [InlineData("HungUp")]
    public void Spying_on_a_target_that_is_not_up_is_refused(string state)
    {
        var spy = Channels.Up("4001", 0x10);

        Refused(ChannelMachine.StartSpy(spy, Leg(state, "4002"), SpyMode.Listen), DomainError.SpyTargetNotUp);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void A_spy_leg_that_is_not_up_cannot_start_spying(string state)
    {
        Refused(ChannelMachine.StartSpy(Leg(state, "4001"), Channels.Up("4002", 0x11), SpyMode.Listen), DomainError.ChannelNotUp);
    }

    [Fact]
    public void A_hung_up_spy_leg_cannot_start_spying()
    {
        Refused(ChannelMachine.StartSpy(Channels.HungUp("4001"), Channels.Up("4002", 0x11), SpyMode.Listen), DomainError.CallEnded);
    }

    [Fact]
    public void Linking_an_up_leg_bridges_it_and_shows_the_peer_as_connected_line()
    {
        var leg = Channels.Up("4001", 0x10);
        var peer = Channels.Up("4002", 0x11);

        var linked = Succeeded(ChannelMachine.Link(leg, peer, "Dial"), leg);

        Assert.Equal(peer.Name, linked.LinkedChannel);
        Assert.Equal("4002", linked.ConnectedLineNumber);
        Assert.Equal("Phone 4002", linked.ConnectedLineName);
        Assert.Equal("Dial", linked.Application);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Linking_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.Link(Leg(state), Channels.Up("4002", 0x11), "Dial"), DomainError.ChannelNotUp);
    }

    [Theory]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Up")]
    public void Unlinking_a_live_leg_leaves_its_bridge(string state)
    {
        var bridged = Leg(state) with { LinkedChannel = "SIP/4002-00000011" };

        var unlinked = Succeeded(ChannelMachine.Unlink(bridged), bridged);

        Assert.Null(unlinked.LinkedChannel);
        Assert.Equal(bridged.State, unlinked.State);
    }

    [Fact]
    public void Describing_a_live_leg_applies_the_change_and_keeps_its_state()
    {
        var ringing = Channels.Ringing();

        var described = Succeeded(ChannelMachine.Describe(ringing, c => c with { Application = "Queue", Queue = "support" }), ringing);

        Assert.Equal("Queue", described.Application);
        Assert.Equal("support", described.Queue);
        Assert.Equal(ChannelState.Ringing, described.State);
    }

    public static TheoryData<string> LiveStates => ["Down", "Ring", "Ringing", "Up", "Busy", "Held", "Parked"];

    [Theory]
    [MemberData(nameof(LiveStates))]
    public void Hanging_up_a_live_leg_sets_it_down_with_the_cause(string state)
    {
        var leg = Leg(state);

        var down = Succeeded(ChannelMachine.Hangup(leg, HangupCause.UserBusy), leg);

        Assert.Equal(ChannelState.Down, down.State);
        Assert.Equal(HangupCause.UserBusy, down.HangupCause);
        Assert.True(down.IsHungUp);
    }

    [Fact]
    public void Hanging_up_clears_hold_bridge_and_spy_target()
    {
        var leg = Channels.Held() with { LinkedChannel = "SIP/4002-00000011", SpyTarget = "SIP/4005-00000012" };

        var down = ChannelMachine.Hangup(leg, HangupCause.NormalClearing).Value!;

        Assert.False(down.OnHold);
        Assert.Null(down.LinkedChannel);
        Assert.Null(down.SpyTarget);
    }

    [Fact]
    public void Hanging_up_twice_is_refused_as_call_ended()
    {
        Refused(ChannelMachine.Hangup(Channels.HungUp(), HangupCause.NormalClearing), DomainError.CallEnded);
    }

    public static TheoryData<string> EveryTransition =>
    [
        "Answer", "Busy", "Hold", "Unhold", "Park", "Unpark", "StartSpy", "Link", "Unlink", "Describe", "Hangup",
        "SetVariable", "SetRecording",
    ];

    [Theory]
    [MemberData(nameof(EveryTransition))]
    public void A_hung_up_leg_refuses_every_transition_as_call_ended(string transition)
    {
        var hungUp = ChannelMachine.Hangup(Channels.Up() with { Recording = true, RecordingFile = "a.wav" }, HangupCause.NormalClearing).Value!;

        Refused(Apply(transition, hungUp), DomainError.CallEnded);
    }

    [Fact]
    public void Setting_a_variable_on_a_live_leg_stores_it()
    {
        var leg = Channels.Ringing();

        var set = Succeeded(ChannelMachine.SetVariable(leg, "CRM_TICKET", "12345"), leg);

        Assert.Equal("12345", set.Variables["CRM_TICKET"]);
        Assert.Empty(leg.Variables);
    }

    [Fact]
    public void Setting_a_variable_again_replaces_its_value()
    {
        var leg = ChannelMachine.SetVariable(Channels.Up(), "X", "1").Value!;

        var set = ChannelMachine.SetVariable(leg, "X", "2").Value!;

        Assert.Equal("2", set.Variables["X"]);
        Assert.Single(set.Variables);
    }

    [Fact]
    public void A_variable_name_of_eighty_characters_is_accepted()
    {
        Assert.True(ChannelMachine.SetVariable(Channels.Up(), new string('V', 80), "x").IsOk);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MY VAR")]
    [InlineData("A=B")]
    [InlineData("TAB\tNAME")]
    [InlineData("BELL\u0007")]
    public void An_invalid_variable_name_is_refused_as_invalid_argument(string name)
    {
        Refused(ChannelMachine.SetVariable(Channels.Up(), name, "x"), DomainError.InvalidArgument);
    }

    [Fact]
    public void A_variable_name_longer_than_eighty_characters_is_refused()
    {
        Refused(ChannelMachine.SetVariable(Channels.Up(), new string('V', 81), "x"), DomainError.InvalidArgument);
    }

    [Fact]
    public void Starting_a_recording_with_a_file_name_records_into_that_file()
    {
        var recording = Succeeded(ChannelMachine.SetRecording(Channels.Up(), true, "a.wav"), Channels.Up());

        Assert.True(recording.Recording);
        Assert.Equal("a.wav", recording.RecordingFile);
    }

    [Fact]
    public void Starting_a_recording_without_any_file_name_is_refused()
    {
        Refused(ChannelMachine.SetRecording(Channels.Up(), true, null), DomainError.InvalidArgument);
        Refused(ChannelMachine.SetRecording(Channels.Up(), true, " "), DomainError.InvalidArgument);
    }

    [Fact]
    public void Resuming_a_recording_without_a_file_name_continues_the_previous_file()
    {
        var stopped = Channels.Up() with { Recording = false, RecordingFile = "a.wav" };

        var resumed = Succeeded(ChannelMachine.SetRecording(stopped, true, null), stopped);

        Assert.True(resumed.Recording);
        Assert.Equal("a.wav", resumed.RecordingFile);
    }

    [Fact]
    public void Resuming_a_recording_with_a_blank_file_name_continues_the_previous_file()
    {
        var stopped = Channels.Up() with { Recording = false, RecordingFile = "a.wav" };

        var resumed = Succeeded(ChannelMachine.SetRecording(stopped, true, "  "), stopped);

        Assert.Equal("a.wav", resumed.RecordingFile);
    }

    [Fact]
    public void Starting_a_recording_into_another_file_while_recording_switches_the_file()
    {
        var recording = Channels.Up() with { Recording = true, RecordingFile = "a.wav" };

        var switched = Succeeded(ChannelMachine.SetRecording(recording, true, "b.wav"), recording);

        Assert.Equal("b.wav", switched.RecordingFile);
    }

    [Fact]
    public void Starting_a_recording_that_is_already_running_is_an_illegal_transition()
    {
        var recording = Channels.Up() with { Recording = true, RecordingFile = "a.wav" };

        Refused(ChannelMachine.SetRecording(recording, true, null), DomainError.IllegalTransition);
        Refused(ChannelMachine.SetRecording(recording, true, "a.wav"), DomainError.IllegalTransition);
    }

    [Fact]
    public void Stopping_a_recording_keeps_the_file_name()
    {
        var recording = Channels.Up() with { Recording = true, RecordingFile = "a.wav" };

        var stopped = Succeeded(ChannelMachine.SetRecording(recording, false, null), recording);

        Assert.False(stopped.Recording);
        Assert.Equal("a.wav", stopped.RecordingFile);
    }

    [Fact]
    public void Stopping_a_recording_that_is_not_running_is_an_illegal_transition()
    {
        Refused(ChannelMachine.SetRecording(Channels.Up(), false, null), DomainError.IllegalTransition);
    }

    [Theory]
    [InlineData("Down")]
    [InlineData("Ring")]
    [InlineData("Ringing")]
    [InlineData("Busy")]
    public void Recording_a_leg_that_is_not_up_is_refused_as_not_up(string state)
    {
        Refused(ChannelMachine.SetRecording(Leg(state), true, "a.wav"), DomainError.ChannelNotUp);
    }

    public static TheoryData<string, string> EverySuccessfulTransition => new()
    {
        { "Answer", "Ringing" },
        { "Answer", "Ring" },
        { "Busy", "Ringing" },
        { "Hold", "Up" },
        { "Unhold", "Held" },
        { "Park", "Up" },
        { "Unpark", "Parked" },
        { "StartSpy", "Up" },
        { "Link", "Up" },
        { "Unlink", "Up" },
        { "Describe", "Up" },
        { "Hangup", "Up" },
        { "SetVariable", "Up" },
        { "SetRecording", "Up" },
    };

    [Theory]
    [MemberData(nameof(EverySuccessfulTransition))]
    public void Every_successful_transition_increments_the_version_and_leaves_the_input_untouched(string transition, string state)
    {
        var input = Leg(state);
        var copy = input with { };

        var result = Apply(transition, input);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(input.Version + 1, result.Value!.Version);
        Assert.Equal(copy, input);
        Assert.NotSame(input, result.Value);
    }

    [Fact]
    public void A_refused_transition_carries_no_value_and_says_why()
    {
        var result = ChannelMachine.Hold(Channels.Ringing());

        Assert.False(result.IsOk);
        Assert.Null(result.Value);
        Assert.Contains(Channels.Ringing().Name, result.Detail);
    }

    private static PbxResult<ChannelSnapshot> Apply(string transition, ChannelSnapshot leg) => transition switch
    {
        "Answer" => ChannelMachine.Answer(leg, Later),
        "Busy" => ChannelMachine.Busy(leg),
        "Hold" => ChannelMachine.Hold(leg),
        "Unhold" => ChannelMachine.Unhold(leg),
        "Park" => ChannelMachine.Park(leg, 705),
        "Unpark" => ChannelMachine.Unpark(leg),
        "StartSpy" => ChannelMachine.StartSpy(leg, Channels.Up("4999", 0x99), SpyMode.Listen),
        "Link" => ChannelMachine.Link(leg, Channels.Up("4999", 0x99), "Dial"),
        "Unlink" => ChannelMachine.Unlink(leg),
        "Describe" => ChannelMachine.Describe(leg, c => c with { Application = "Queue" }),
        "Hangup" => ChannelMachine.Hangup(leg, HangupCause.NormalClearing),
        "SetVariable" => ChannelMachine.SetVariable(leg, "X", "1"),
        "SetRecording" => ChannelMachine.SetRecording(leg, !leg.Recording, "b.wav"),
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };

    private static ChannelSnapshot Leg(string state, string extension = "4003") => state switch
    {
        "Down" => Channels.Down(extension),
        "Ring" => Channels.Ring(extension),
        "Ringing" => Channels.Ringing(extension),
        "Up" => Channels.Up(extension),
        "Busy" => Channels.Busy(extension),
        "Held" => Channels.Held(extension),
        "Parked" => Channels.Parked(extension),
        "Spying" => Channels.Up(extension) with { SpyTarget = "SIP/4999-00000099", Application = "ChanSpy" },
        "HungUp" => Channels.HungUp(extension),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static ChannelSnapshot Succeeded(PbxResult<ChannelSnapshot> result, ChannelSnapshot input)
    {
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(DomainError.None, result.Error);
        Assert.NotNull(result.Value);
        Assert.Equal(input.Version + 1, result.Value.Version);
        return result.Value;
    }

    private static void Refused(PbxResult<ChannelSnapshot> result, DomainError expected)
    {
        Assert.False(result.IsOk, $"expected {expected} but the transition succeeded: {result}");
        Assert.Equal(expected, result.Error);
        Assert.Null(result.Value);
    }
}
