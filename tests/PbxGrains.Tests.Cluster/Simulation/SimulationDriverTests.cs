using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>The work counter and the driver on their own, with plain tasks standing in for grains.</summary>
public sealed class SimulationDriverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_counter_is_idle_only_when_every_piece_of_work_has_ended()
    {
        var work = new WorkTracker();
        await work.WhenIdleAsync(Cancellation);

        work.Begin();
        work.Begin();
        var idle = work.WhenIdleAsync(Cancellation);
        work.End();
        Assert.False(idle.IsCompleted);

        work.End();
        await idle;
        Assert.Equal(0, work.InFlight);
    }

    [Fact]
    public void Ending_more_work_than_began_is_an_error()
    {
        var work = new WorkTracker();

        Assert.Throws<InvalidOperationException>(work.End);
    }

    [Fact]
    public async Task Each_timer_fires_only_after_the_work_of_the_previous_one_has_ended()
    {
        var clock = new SteppedTimeProvider(T0);
        var work = new WorkTracker();
        var log = new List<string>();

        // Like a grain: the callback only sends work off; the work itself runs later on another thread and schedules
        // the next timer. Without waiting for it, the driver would find no timer pending and stop early.
        void Step(int n) => clock.CreateTimer(_ =>
        {
            work.Begin();
            _ = Task.Run(async () =>
            {
                await Task.Delay(20, Cancellation);
                lock (log)
                {
                    log.Add($"{n} at +{(clock.GetUtcNow() - T0).TotalSeconds}");
                }

                if (n < 3)
                {
                    Step(n + 1);
                }

                work.End();
            }, Cancellation);
        }, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        Step(1);
        await new SimulationDriver(clock, work).RunUntilAsync(T0.AddMinutes(1), Cancellation);

        Assert.Equal(["1 at +10", "2 at +20", "3 at +30"], log);
        Assert.Equal(T0.AddMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_run_does_not_fire_what_is_due_after_its_end()
    {
        var clock = new SteppedTimeProvider(T0);
        var fired = 0;
        clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(61), Timeout.InfiniteTimeSpan);

        await new SimulationDriver(clock, new WorkTracker()).RunUntilAsync(T0.AddMinutes(1), Cancellation);

        Assert.Equal(0, fired);
        Assert.Equal(T0.AddMinutes(1), clock.GetUtcNow());
        Assert.Equal(T0.AddSeconds(61), clock.NextDue);
    }

    [Fact]
    public async Task A_simulation_that_never_settles_fails_instead_of_hanging()
    {
        var work = new WorkTracker();
        work.Begin();
        var driver = new SimulationDriver(new SteppedTimeProvider(T0), work) { IdleTimeout = TimeSpan.FromMilliseconds(50) };

        var stuck = await Assert.ThrowsAsync<SimulationStuckException>(() => driver.RunUntilAsync(T0.AddMinutes(1), Cancellation));

        Assert.Contains("1 grain calls are still in flight", stuck.Message, StringComparison.Ordinal);
    }
}
