using Microsoft.Extensions.Time.Testing;
using PbxGrains.Grains.Calls;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>A call's timers on a host that fell behind: overdue firings are taken in the order they fell due.</summary>
public sealed class CallTimersTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Channels.T0);
    private readonly CallTimers _timers;

    // Timer ids count from 1 in the order the timers were started.
    private long _started;

    public CallTimersTests() => _timers = new CallTimers(_time, _ => Task.CompletedTask, new TimerLag());

    public void Dispose() => _timers.Dispose();

    [Fact]
    public void A_timer_armed_late_for_an_earlier_instant_goes_before_an_overdue_timer_due_after_it()
    {
        // The caller's patience runs out at +10 s; the member's answer, due at +8.7 s, is only armed once the host got
        // to the offer, after +10 s: both are overdue, and the answer's message may come second.
        _time.Advance(TimeSpan.FromSeconds(5));
        _timers.Start(TimerKind.CallerGivesUp, "SIP/upc-1", Channels.T0.AddSeconds(10));
        var patience = LastId();
        _time.Advance(TimeSpan.FromSeconds(6));
        _timers.Start(TimerKind.PhoneAnswers, "SIP/4001-2", Channels.T0.AddSeconds(8.7));
        var answer = LastId();

        Assert.Equal(answer, _timers.EarlierOverdue(patience));
        Assert.Null(_timers.EarlierOverdue(answer));
        Assert.Equal(Channels.T0.AddSeconds(8.7), _timers.Claim(answer)?.Due);
        Assert.Null(_timers.EarlierOverdue(patience));
    }

    [Fact]
    public void A_timer_due_earlier_but_not_yet_overdue_does_not_go_first()
    {
        _timers.Start(TimerKind.RingTimeout, "SIP/4001-1", Channels.T0.AddSeconds(30));
        var ring = LastId();
        _timers.Start(TimerKind.PhoneAnswers, "SIP/4001-1", Channels.T0.AddSeconds(20));

        Assert.Null(_timers.EarlierOverdue(ring));
    }

    [Fact]
    public void A_message_s_instant_puts_first_the_call_s_overdue_timers_due_before_it_and_no_others()
    {
        // The caller gives up at +10 s; a queue's offer made at +12 s reaches the call at +15 s, before the patience
        // timer's message: the give-up goes first. An offer made at +9 s goes before it.
        _timers.Start(TimerKind.CallerGivesUp, "SIP/upc-1", Channels.T0.AddSeconds(10));
        var patience = LastId();
        _timers.Start(TimerKind.RingTimeout, "SIP/upc-1", Channels.T0.AddSeconds(11));
        var ring = LastId();
        _timers.Start(TimerKind.RingTimeout, "SIP/upc-2", Channels.T0.AddSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(patience, _timers.OverdueBefore(Channels.T0.AddSeconds(12)));
        Assert.Null(_timers.OverdueBefore(Channels.T0.AddSeconds(9)));
        Assert.Null(_timers.OverdueBefore(Channels.T0.AddSeconds(10)));
        Assert.NotNull(_timers.Claim(patience));
        Assert.Equal(ring, _timers.OverdueBefore(Channels.T0.AddSeconds(30)));
        Assert.NotNull(_timers.Claim(ring));

        // The last is due after +15 s: not overdue, whatever the message's instant.
        Assert.Null(_timers.OverdueBefore(Channels.T0.AddSeconds(30)));
    }

    private long LastId() => ++_started;
}
