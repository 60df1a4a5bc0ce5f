namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// Runs the call model as a discrete-event simulation: wait until no grain work is in flight, fire the one next timer,
/// and again, so every consequence of an event has happened before the next event starts. With the same inputs this
/// gives the same sequence of events, whatever the silos' thread timing. Real time is only used to give up: a run
/// that does not settle within <see cref="IdleTimeout"/> fails instead of hanging.
/// <para>
/// One caller drives it at a time. Work started from outside between runs (a test placing a call) must be awaited, or
/// sent through a client that counts its calls (<c>AddWorkTracking</c> on the client builder), before the next run.
/// </para>
/// </summary>
public sealed class SimulationDriver(SteppedTimeProvider clock, WorkTracker tracker)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>Timers fired so far.</summary>
    public long Steps { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Fires, one by one, every timer due up to <paramref name="until"/> (including those their consequences schedule),
    /// then moves the clock to <paramref name="until"/>. Nothing due later fires.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SettleAsync(cancellationToken);
            if (clock.NextDue is not { } due || due > until)
            {
                clock.AdvanceTo(until);
                await SettleAsync(cancellationToken);
                return;
            }

            clock.FireNext();
            Steps++;
        }
    }

    public Task RunForAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        RunUntilAsync(clock.GetUtcNow() + duration, cancellationToken);

    /// <summary>Waits until no grain work is in flight.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await tracker.WhenIdleAsync(cancellationToken).WaitAsync(IdleTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new SimulationStuckException(
                $"The simulation did not settle within {IdleTimeout.TotalSeconds:0.#} s of real time at {clock.GetUtcNow():O} "
                + $"after {Steps} steps: {tracker.InFlight} grain calls are still in flight (a grain that never finishes, "
                + "a call that was lost, or work started outside the tracked grain calls).");
        }
    }
}
