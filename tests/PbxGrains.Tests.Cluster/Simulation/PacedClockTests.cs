using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Client;
using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The paced exact clock on its own (<c>Pbx:Clock:Exact</c>): a stepped clock whose now follows a scaled one between
/// steps, and the driver that fires its timers when the pace reaches them. The pace runs on a fake base clock here, so
/// only the driver's own waits take real time.
/// </summary>
public sealed class PacedClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _real = new(T0);
    private readonly SteppedTimeProvider _clock;

    public PacedClockTests() => _clock = new SteppedTimeProvider(new ScaledTimeProvider(100, _real, T0));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Between_steps_now_follows_the_pace_up_to_the_next_due_timer_and_during_a_step_it_stays_at_the_steps_instant()
    {
        var firedAt = DateTimeOffset.MinValue;
        using var timer = _clock.CreateTimer(_ => firedAt = _clock.GetUtcNow(), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        // Before the first release the clock stands still, as a stepped clock does.
        _real.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(T0, _clock.GetUtcNow());

        _clock.Release();
        Assert.Equal(T0.AddSeconds(5), _clock.GetUtcNow());
        _real.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(T0.AddSeconds(10), _clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(5), _clock.Behind);

        Assert.True(_clock.FireNext());
        Assert.Equal(T0.AddSeconds(10), firedAt);
        _real.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal(T0.AddSeconds(10), _clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(8), _clock.Behind);

        _clock.Release();
        Assert.Equal(T0.AddSeconds(18), _clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, _clock.Behind);
        Assert.Equal(100, _clock.Speed);
        Assert.True(new PbxClock(_clock).Exact);
    }

    [Fact]
    public void A_timer_scheduled_between_steps_is_due_from_the_paced_now_and_one_ahead_of_every_other_wakes_the_driver()
    {
        using var later = _clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);
        _clock.Release();
        _real.Advance(TimeSpan.FromMilliseconds(100));
        var sooner = _clock.SoonerTimer;
        Assert.Equal(TimeSpan.FromMilliseconds(500), _clock.RealTimeToNextDue());

        using var further = _clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(90), Timeout.InfiniteTimeSpan);
        Assert.False(sooner.IsCompleted);

        using var next = _clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Assert.True(sooner.IsCompleted);
        Assert.Equal(T0.AddSeconds(12), _clock.NextDue);
        Assert.Equal(TimeSpan.FromMilliseconds(20), _clock.RealTimeToNextDue());

        _real.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.Zero, _clock.RealTimeToNextDue());
    }

    [Fact]
    public async Task The_driver_fires_a_timer_when_the_pace_reaches_it_and_only_once_the_work_in_flight_has_ended()
    {
        var work = new WorkTracker();
        var driver = new PacedDriver(_clock, work, NullLogger.Instance);
        var fired = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var driving = driver.RunAsync(stop.Token);

        // Due in one simulated second: ten real milliseconds of the pace, which has not moved yet.
        using var timer = _clock.CreateTimer(_ => fired.TrySetResult(_clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        work.Begin();
        _real.Advance(TimeSpan.FromSeconds(1));
        var early = await Task.WhenAny(fired.Task, Task.Delay(100, Cancellation));
        Assert.False(early == fired.Task, "a step must wait for the work in flight");

        work.End();
        Assert.Equal(T0.AddSeconds(1), await fired.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
        Assert.Equal(1, driver.Steps);

        await stop.CancelAsync();
        await driving.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
    }

    [Fact]
    public async Task Only_a_paced_clock_can_be_driven_by_the_pace()
    {
        var driver = new PacedDriver(new SteppedTimeProvider(T0), new WorkTracker(), NullLogger.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => driver.RunAsync(Cancellation));
        Assert.Throws<InvalidOperationException>(() => new SteppedTimeProvider(T0).RealTimeToNextDue());
    }
}
