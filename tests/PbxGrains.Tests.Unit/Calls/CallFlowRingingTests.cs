using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>Legs ring as their phone or the outside world would answer; what each way of not answering does to the call.</summary>
public sealed class CallFlowRingingTests
{
    [Theory]
    [InlineData(PhoneMode.Busy, HangupCause.UserBusy, CdrDisposition.Busy)]
    [InlineData(PhoneMode.DoNotDisturb, HangupCause.UserBusy, CdrDisposition.Busy)]
    public void A_phone_that_refuses_calls_signals_busy_at_once_and_a_dial_to_it_ends_busy(PhoneMode mode, HangupCause cause, CdrDisposition disposition)
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002", mode));

        h.Dial("4001", "4002");

        var callee = h.LegOf("4002").Channel;
        Assert.Equal((ChannelState.Down, cause), (callee.State, callee.HangupCause));
        Assert.Equal(CallPhase.Ended, h.Call.Phase);
        Assert.Equal(disposition, h.Cdr.Disposition);
    }

    [Fact]
    public void An_unregistered_destination_is_absent()
    {
        var h = new CallHarness(CallHarness.Phone("4001"));
        h.Add(CallHarness.Phone("4002"), registered: false);

        h.Dial("4001", "4002");

        Assert.Equal(HangupCause.SubscriberAbsent, h.Cdr.HangupCause);
    }

    [Fact]
    public void An_auto_answer_phone_answers_after_its_delay_and_the_call_is_connected()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002", PhoneMode.AutoAnswer));
        h.Dial("4001", "4002");
        var callee = h.LegOf("4002");
        Assert.Equal([(TimerKind.PhoneAnswers, callee.Name), (TimerKind.RingTimeout, callee.Name)], h.Timers);

        h.Fire(TimerKind.PhoneAnswers, callee.Name);

        Assert.Equal(CallPhase.Connected, h.Call.Phase);

        // The dialling phone was in Ring: the bridge answers it.
        Assert.Equal(ChannelState.Up, h.LegOf("4001").Channel.State);
        Assert.Empty(h.Timers);
    }

    [Fact]
    public void A_rejecting_phone_declines_after_its_delay()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002", PhoneMode.Reject));
        h.Dial("4001", "4002");

        h.Fire(TimerKind.PhoneRejects, h.LegOf("4002").Name);

        Assert.Equal((HangupCause.CallRejected, CdrDisposition.Busy), (h.Cdr.HangupCause, h.Cdr.Disposition));
    }

    [Fact]
    public void A_phone_nobody_answers_rings_until_its_ring_timer_and_the_call_is_not_answered()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002", PhoneMode.NoAnswer));
        h.Dial("4001", "4002");

        h.Fire(TimerKind.RingTimeout, h.LegOf("4002").Name);

        Assert.Equal((HangupCause.NoAnswer, CdrDisposition.NoAnswer), (h.Cdr.HangupCause, h.Cdr.Disposition));
    }

    [Fact]
    public void A_talk_time_hangs_the_leg_up_by_itself_once_connected()
    {
        var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002", PhoneMode.AutoAnswer));
        h.Dial("4001", "4002", talkSeconds: 30);
        h.Fire(TimerKind.PhoneAnswers, h.LegOf("4002").Name);
        Assert.Contains((TimerKind.TalkEnds, h.LegOf("4001").Name), h.Timers);

        h.Fire(TimerKind.TalkEnds, h.LegOf("4001").Name);

        Assert.Equal((CallPhase.Ended, CdrDisposition.Answered), (h.Call.Phase, h.Cdr.Disposition));
    }

    [Fact]
    public void An_outside_number_is_dialled_on_the_tenants_trunk_and_by_default_answers_after_three_seconds()
    {
        var h = new CallHarness(CallHarness.Phone("4001"));
        h.Numbers["0201234567"] = Destination.External("0201234567");

        h.Dial("4001", "0201234567");

        var outside = h.LegOf("upc");
        Assert.Equal((EndpointKind.Trunk, ChannelState.Ringing, "0201234567"), (outside.Channel.EndpointKind, outside.Channel.State, outside.Channel.Exten));
        Assert.Equal(("0201234567", ""), (outside.PartyNumber, outside.PartyName));
        Assert.Equal("0201234567", h.LegOf("4001").Channel.ConnectedLineNumber);
        var answers = Assert.Single(h.Effects.OfType<CallEffect.StartTimer>(), t => t.Kind == TimerKind.PhoneAnswers);
        Assert.Equal(TimeSpan.FromSeconds(3), answers.Delay);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.Single(h.Effects.OfType<CallEffect.StartTimer>(), t => t.Kind == TimerKind.RingTimeout).Delay);
    }

    [Theory]
    [InlineData("5550102", nameof(TimerKind.RemoteBusy), HangupCause.UserBusy, CdrDisposition.Busy)]
    [InlineData("5550104", nameof(TimerKind.RemoteCongestion), HangupCause.Congestion, CdrDisposition.Congestion)]
    public void The_magic_numbers_are_busy_or_congested_whatever_the_tenant_says(string number, string timer, HangupCause cause, CdrDisposition disposition)
    {
        var h = new CallHarness(CallHarness.Phone("4001"));
        h.Numbers[number] = Destination.External(number);
        h.Settings = h.Settings with { OutsideWorld = [new ExternalRule { Pattern = "_X.", Outcome = ExternalOutcome.Answer }] };
        h.Dial("4001", number);

        h.Fire(Enum.Parse<TimerKind>(timer), h.LegOf("upc").Name);

        Assert.Equal((cause, disposition), (h.Cdr.HangupCause, h.Cdr.Disposition));
    }

    [Fact]
    public void The_first_outside_world_rule_that_matches_decides_what_the_far_end_does()
    {
        var h = new CallHarness(CallHarness.Phone("4001"));
        h.Numbers["0301234567"] = Destination.External("0301234567");
        h.Settings = h.Settings with
        {
            OutsideWorld =
            [
                new ExternalRule { Pattern = "_03X.", Outcome = ExternalOutcome.Busy, Delay = Distribution.Constant(4) },
                new ExternalRule { Pattern = "_X.", Outcome = ExternalOutcome.Answer },
            ],
        };

        h.Dial("4001", "0301234567");

        Assert.Equal(TimeSpan.FromSeconds(4), Assert.Single(h.Effects.OfType<CallEffect.StartTimer>(), t => t.Kind == TimerKind.RemoteBusy).Delay);
    }

    [Fact]
    public void The_same_seed_draws_the_same_delays()
    {
        static IEnumerable<TimeSpan> Delays()
        {
            var h = new CallHarness(CallHarness.Phone("4001"), CallHarness.Phone("4002") with
            {
                Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Exponential(5) },
            });
            h.Dial("4001", "4002");
            return h.Effects.OfType<CallEffect.StartTimer>().Select(t => t.Delay).ToList();
        }

        Assert.Equal(Delays(), Delays());
    }
}
