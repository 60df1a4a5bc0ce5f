using Microsoft.Extensions.Time.Testing;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Tests.Unit;

public sealed class VirtualTimersTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Channels.T0);
    private readonly List<long> _delivered = [];
    private readonly TimerLag _lag = new();
    private readonly VirtualTimers _timers;

    public VirtualTimersTests()
    {
        _timers = new VirtualTimers(_time, id =>
        {
            _delivered.Add(id);
            return Task.CompletedTask;
        }, _lag);
    }

    public void Dispose() => _timers.Dispose();

    [Fact]
    public void A_scheduled_timer_delivers_its_id_once_its_delay_has_passed()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_delivered);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([id], _delivered);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal([id], _delivered);
    }

    [Fact]
    public void A_claimed_firing_records_how_late_the_grain_got_to_it_and_the_window_rolls_into_a_reading()
    {
        var first = _timers.Schedule(TimeSpan.FromSeconds(10));
        var second = _timers.Schedule(TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.True(_timers.Claim(first));
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.True(_timers.Claim(second));
        Assert.False(_timers.Claim(second));

        var reading = _lag.Roll(_time.GetUtcNow(), speed: 100);

        // 2 s and 6 s late in simulated time: 20 ms and 60 ms of real time at speed 100.
        Assert.Equal((2, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)), (reading.Firings, reading.MeanLate, reading.MaxLate));
        Assert.Equal((TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(60)), (reading.MeanLateReal, reading.MaxLateReal));
        Assert.Same(reading, _lag.Latest);
        Assert.Equal((0, TimeSpan.Zero), (_lag.Roll(_time.GetUtcNow(), 100).Firings, _lag.Latest.MaxLate));
    }

    [Fact]
    public void A_timer_scheduled_at_an_instant_already_past_fires_at_once_and_is_claimed_with_that_instant()
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        var due = Channels.T0.AddSeconds(2);

        var id = _timers.ScheduleAt(due);
        _time.Advance(TimeSpan.Zero);

        Assert.Equal([id], _delivered);
        Assert.True(_timers.Claim(id, out var claimed));
        Assert.Equal(due, claimed);
    }

    [Fact]
    public void Timers_deliver_in_the_order_they_fall_due()
    {
        var late = _timers.Schedule(TimeSpan.FromSeconds(20));
        var early = _timers.Schedule(TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal([early, late], _delivered);
    }

    [Fact]
    public void Each_timer_gets_a_new_id()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => _timers.Schedule(TimeSpan.FromSeconds(1))).ToList();

        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public void A_negative_delay_is_due_at_once()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(-5));

        _time.Advance(TimeSpan.Zero);

        Assert.Equal([id], _delivered);
    }

    [Fact]
    public void A_cancelled_timer_delivers_nothing()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));

        _timers.Cancel(id);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(_delivered);
        Assert.False(_timers.Claim(id));
    }

    [Fact]
    public void Cancelling_nothing_or_an_unknown_timer_is_harmless()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));

        _timers.Cancel(null);
        _timers.Cancel(id + 100);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([id], _delivered);
    }

    [Fact]
    public void A_delivered_timer_can_be_claimed_exactly_once()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_timers.Claim(id));
        Assert.False(_timers.Claim(id));
    }

    [Fact]
    public void A_firing_that_arrives_after_its_timer_was_cancelled_cannot_be_claimed()
    {
        // The firing message may already be on its way when the grain cancels the timer; the claim is what tells
        // the grain to ignore it.
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(30));

        _timers.Cancel(id);

        Assert.Equal([id], _delivered);
        Assert.False(_timers.Claim(id));
    }

    [Fact]
    public void Claiming_a_timer_before_it_is_due_is_refused_and_it_still_fires_when_due()
    {
        var id = _timers.Schedule(TimeSpan.FromSeconds(30));

        Assert.False(_timers.Claim(id));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([id], _delivered);
        Assert.True(_timers.Claim(id));
    }

    [Fact]
    public void A_delay_longer_than_one_leg_is_covered_by_several_and_claimed_only_when_due()
    {
        var id = _timers.Schedule(TimeSpan.FromDays(60));

        _time.Advance(VirtualTimers.MaxLeg);
        Assert.Equal([id], _delivered);
        Assert.False(_timers.Claim(id));

        _time.Advance(TimeSpan.FromDays(60) - VirtualTimers.MaxLeg);
        Assert.True(_timers.Claim(id));
    }

    [Fact]
    public void An_unknown_id_cannot_be_claimed()
    {
        Assert.False(_timers.Claim(42));
    }

    [Fact]
    public void Disposing_the_timers_stops_every_pending_timer()
    {
        _timers.Schedule(TimeSpan.FromSeconds(10));
        _timers.Schedule(TimeSpan.FromSeconds(20));

        _timers.Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(_delivered);
    }

    [Fact]
    public void A_delivery_that_fails_does_not_break_the_clock()
    {
        var attempts = 0;
        using var failing = new VirtualTimers(_time, _ =>
        {
            attempts++;
            return Task.FromException(new InvalidOperationException("silo stopping"));
        });
        failing.Schedule(TimeSpan.FromSeconds(1));
        var other = _timers.Schedule(TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, attempts);
        Assert.Equal([other], _delivered);
    }
}
