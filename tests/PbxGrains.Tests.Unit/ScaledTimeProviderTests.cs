using Microsoft.Extensions.Time.Testing;
using PbxGrains.Client;

namespace PbxGrains.Tests.Unit;

/// <summary>
/// The speed-scaled clock, driven over a fake base clock: every assertion is about how far the base was moved, never
/// about how long anything took on the machine.
/// </summary>
public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset BaseStart = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset VirtualStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _base = new(BaseStart);

    [Fact]
    public void Virtual_time_runs_speed_times_as_fast_as_the_base_from_the_given_start()
    {
        var clock = new ScaledTimeProvider(60, _base, VirtualStart);
        Assert.Equal(VirtualStart, clock.GetUtcNow());

        _base.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VirtualStart.AddMinutes(1), clock.GetUtcNow());

        _base.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(VirtualStart.AddSeconds(90), clock.GetUtcNow());
    }

    [Fact]
    public void Without_a_start_virtual_time_begins_at_the_base_clocks_now()
    {
        var clock = new ScaledTimeProvider(10, _base);
        Assert.Equal(BaseStart, clock.GetUtcNow());

        _base.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(BaseStart.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public void A_speed_below_one_slows_time_down()
    {
        var clock = new ScaledTimeProvider(0.5, _base, VirtualStart);

        _base.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(VirtualStart.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public void Timestamps_measure_virtual_time()
    {
        var clock = new ScaledTimeProvider(60, _base, VirtualStart);
        var before = clock.GetTimestamp();

        _base.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromMinutes(2), clock.GetElapsedTime(before));
        Assert.Equal(TimeSpan.FromMinutes(2), clock.GetElapsedTime(before, clock.GetTimestamp()));
    }

    [Fact]
    public void A_timer_due_in_sixty_virtual_seconds_at_speed_sixty_fires_after_one_base_second_and_not_before()
    {
        var clock = new ScaledTimeProvider(60, _base, VirtualStart);
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);

        _base.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(firedAt);

        _base.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([VirtualStart.AddSeconds(60)], firedAt);

        _base.Advance(TimeSpan.FromHours(1));
        Assert.Single(firedAt);
    }

    [Fact]
    public void A_periodic_timer_repeats_at_its_scaled_period()
    {
        var clock = new ScaledTimeProvider(10, _base, VirtualStart);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        _base.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, fired);

        _base.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(3, fired);
    }

    [Fact]
    public void Changing_a_timer_scales_its_new_due_time()
    {
        var clock = new ScaledTimeProvider(60, _base, VirtualStart);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        _base.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, fired);

        Assert.True(timer.Change(TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan));
        _base.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, fired);
        _base.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_disposed_timer_never_fires()
    {
        var clock = new ScaledTimeProvider(60, _base, VirtualStart);
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        _base.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void Spans_reach_the_base_clock_divided_by_the_speed_with_infinite_and_zero_unchanged()
    {
        var recording = new RecordingTimeProvider();
        var clock = new ScaledTimeProvider(4, recording, VirtualStart);

        var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        timer.Change(Timeout.InfiniteTimeSpan, TimeSpan.Zero);

        Assert.Equal(
            [
                (TimeSpan.FromSeconds(2.5), Timeout.InfiniteTimeSpan),
                (TimeSpan.Zero, TimeSpan.FromSeconds(0.5)),
                (Timeout.InfiniteTimeSpan, TimeSpan.Zero),
            ],
            recording.Spans);
    }

    [Fact]
    public void A_base_span_is_rounded_up_so_a_timer_never_fires_before_its_virtual_due_time()
    {
        var recording = new RecordingTimeProvider();
        var clock = new ScaledTimeProvider(3, recording, VirtualStart);

        clock.CreateTimer(_ => { }, null, TimeSpan.FromTicks(10), Timeout.InfiniteTimeSpan);

        Assert.Equal(TimeSpan.FromTicks(4), recording.Spans.Single().Due);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_speed_that_is_not_a_positive_finite_number_is_refused(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(speed, _base));

    [Fact]
    public void A_negative_due_time_is_refused()
    {
        var clock = new ScaledTimeProvider(2, _base);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan));
    }

    /// <summary>A base clock that only records the spans its timers were given.</summary>
    private sealed class RecordingTimeProvider : TimeProvider
    {
        public List<(TimeSpan Due, TimeSpan Period)> Spans { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Spans.Add((dueTime, period));
            return new RecordingTimer(this);
        }

        private sealed class RecordingTimer(RecordingTimeProvider owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Spans.Add((dueTime, period));
                return true;
            }

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
