using Microsoft.Extensions.Logging;

namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// Runs the live call model as a paced discrete-event simulation (<c>Pbx:Clock:Exact</c>): as the
/// <see cref="SimulationDriver"/> does, it waits until no grain work is in flight and fires the one next timer, so every
/// consequence of an event has happened before the next starts; but it fires a timer only when the paced clock's speed
/// reaches its due instant, so the simulation runs at that speed and not as fast as it can. A host that cannot keep up
/// does not take events late (their order, and so the run, stays the exact sample path of its seed): its clock falls
/// behind the pace instead (<see cref="SteppedTimeProvider.Behind"/>, the lag the host reports).
/// <para>
/// One driver per clock, and one clock with one <see cref="WorkTracker"/> for every silo that shares it: only silos of
/// one process can (the host allows it in a one-process deployment).
/// </para>
/// </summary>
public sealed class PacedDriver(SteppedTimeProvider clock, WorkTracker tracker, ILogger logger)
{
    /// <summary>A step whose work takes longer than this (real time) is reported: it holds the clock.</summary>
    public static readonly TimeSpan SlowStep = TimeSpan.FromSeconds(5);

    private long _steps;

    /// <summary>Timers fired so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Fires timers as the pace reaches them until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!clock.Paced)
        {
            throw new InvalidOperationException("A paced driver needs a paced clock (a SteppedTimeProvider built on a ScaledTimeProvider).");
        }

        try
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                await SettleAsync(stoppingToken);

                // Taken before the next due instant is read: a timer scheduled after the read still wakes the wait.
                var sooner = clock.SoonerTimer;
                clock.Release();
                switch (clock.RealTimeToNextDue())
                {
                    case null:
                        await sooner.WaitAsync(stoppingToken);
                        continue;
                    case { } wait when wait > TimeSpan.Zero:
                        // WaitAsync drops its timer when a sooner timer wakes it; the loop's top sees a cancellation.
                        await sooner.WaitAsync(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        continue;
                }

                clock.FireNext();
                Interlocked.Increment(ref _steps);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SettleAsync(CancellationToken stoppingToken)
    {
        var idle = tracker.WhenIdleAsync(stoppingToken);

        // Not Task.WhenAny with a Task.Delay: that would leave a five-second timer behind nearly every step (hundreds a
        // second at the top rates); WaitAsync drops its timer once the work is done.
        await idle.WaitAsync(SlowStep, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!idle.IsCompleted)
        {
            stoppingToken.ThrowIfCancellationRequested();
            logger.LogWarning(
                "The paced clock has waited {Seconds} s of real time for the grain work of one step ({InFlight} grain calls in flight at {Now:O}): "
                + "a grain that never finishes holds the simulation's clock.",
                SlowStep.TotalSeconds, tracker.InFlight, clock.GetUtcNow());
        }

        await idle;
    }
}
