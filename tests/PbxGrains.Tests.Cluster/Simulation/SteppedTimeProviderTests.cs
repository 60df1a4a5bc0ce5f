using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>The stepped clock on its own: no cluster, no threads but the test's.</summary>
public sealed class SteppedTimeProviderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly SteppedTimeProvider _clock = new(T0);
    private readonly List<(string Name, DateTimeOffset At)> _fired = [];

    private ITimer Schedule(string name, double seconds, double? periodSeconds = null) =>
        _clock.CreateTimer(_ => _fired.Add((name, _clock.GetUtcNow())), null, TimeSpan.FromSeconds(seconds),
            periodSeconds is { } period ? TimeSpan.FromSeconds(period) : Timeout.InfiniteTimeSpan);

    [Fact]
    public void Nothing_fires_until_asked_and_then_only_the_earliest_timer_at_its_due_instant()
    {
        Schedule("late", 20);
        Schedule("early", 5);
        Assert.Equal(T0, _clock.GetUtcNow());
        Assert.Equal(T0.AddSeconds(5), _clock.NextDue);
        Assert.Empty(_fired);

        Assert.True(_clock.FireNext());

        Assert.Equal([("early", T0.AddSeconds(5))], _fired);
        Assert.Equal(T0.AddSeconds(5), _clock.GetUtcNow());
        Assert.Equal(T0.AddSeconds(20), _clock.NextDue);
    }

    [Fact]
    public void Timers_due_at_the_same_instant_fire_in_the_order_they_were_scheduled()
    {
        Schedule("first", 10);
        Schedule("second", 10);
        Schedule("third", 10);

        while (_clock.FireNext())
        {
        }

        Assert.Equal(["first", "second", "third"], _fired.Select(f => f.Name));
        Assert.All(_fired, f => Assert.Equal(T0.AddSeconds(10), f.At));
    }

    [Fact]
    public void A_timer_with_no_delay_waits_for_the_next_step_and_fires_at_the_current_instant()
    {
        Schedule("now", 0);
        Assert.Empty(_fired);

        Assert.True(_clock.FireNext());

        Assert.Equal([("now", T0)], _fired);
    }

    [Fact]
    public void A_periodic_timer_is_rescheduled_at_a_fixed_rate_when_it_fires()
    {
        using var timer = Schedule("tick", 1, periodSeconds: 2);

        for (var i = 0; i < 3; i++)
        {
            _clock.FireNext();
        }

        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(3), T0.AddSeconds(5)], _fired.Select(f => f.At));
        Assert.Equal(T0.AddSeconds(7), _clock.NextDue);
    }

    [Fact]
    public void Disposed_and_changed_timers_leave_the_queue()
    {
        var disposed = Schedule("disposed", 1);
        var stopped = Schedule("stopped", 2);
        var moved = Schedule("moved", 3);

        disposed.Dispose();
        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        Assert.True(moved.Change(TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan));

        Assert.Equal(1, _clock.PendingCount);
        Assert.True(_clock.FireNext());
        Assert.False(_clock.FireNext());
        Assert.Equal([("moved", T0.AddSeconds(30))], _fired);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Advancing_moves_the_clock_without_firing_and_never_backwards()
    {
        Schedule("later", 60);

        _clock.AdvanceTo(T0.AddSeconds(60));
        _clock.AdvanceTo(T0.AddSeconds(30));

        Assert.Equal(T0.AddSeconds(60), _clock.GetUtcNow());
        Assert.Empty(_fired);
        Assert.True(_clock.FireNext());
        Assert.Equal([("later", T0.AddSeconds(60))], _fired);
    }

    [Fact]
    public void Advancing_past_a_pending_timer_is_refused()
    {
        Schedule("skipped", 10);

        Assert.Throws<InvalidOperationException>(() => _clock.AdvanceTo(T0.AddSeconds(11)));
        Assert.Equal(T0, _clock.GetUtcNow());
    }

    [Fact]
    public void Timestamps_follow_the_clock()
    {
        var before = _clock.GetTimestamp();
        Schedule("step", 90);
        _clock.FireNext();

        Assert.Equal(TimeSpan.FromSeconds(90), _clock.GetElapsedTime(before));
    }

    [Fact]
    public void A_callback_runs_outside_the_clocks_lock_so_other_threads_may_use_the_clock_meanwhile()
    {
        var fromAnotherThread = false;
        _clock.CreateTimer(_ =>
        {
            // Grain threads schedule timers while a delivery is under way; they must not wait for the callback to end.
            var other = Task.Run(() => _clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
            fromAnotherThread = other.Wait(TimeSpan.FromSeconds(10));
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        _clock.FireNext();

        Assert.True(fromAnotherThread, "a timer could not be created from another thread while a callback ran");
        Assert.Equal(T0.AddSeconds(2), _clock.NextDue);
    }
}
