using Microsoft.Extensions.Options;
using PbxGrains.Client;
using PbxGrains.Grains.Timers;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Host.Health;

/// <summary>
/// Closes the silo's <see cref="TimerLag"/> window every <see cref="Window"/> of real time and says when the host stops
/// keeping up with its clock: a warning when the mean lateness first exceeds <see cref="ClockOptions.LagWarningSeconds"/>,
/// and a note when it is back under. Runs only where a silo runs (timers fire only there).
/// </summary>
public sealed class ClockLagMonitor(TimerLag lag, PbxClock clock, IOptions<ClockOptions> options, ILogger<ClockLagMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private bool _behind;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Window);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                Check(lag.Roll(clock.Now, clock.Speed), clock.Behind);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private void Check(TimerLagReading reading, TimeSpan behindNow)
    {
        var behind = IsBehind(reading, options.Value, behindNow);
        if (behind && !_behind && IsHeld(reading, options.Value, behindNow))
        {
            logger.LogWarning(
                "The exact clock is {BehindSeconds:0.###} simulated s behind its pace and fired no timer in the last {Window} s: "
                + "a step's grain work has not finished, and the simulation waits for it.",
                behindNow.TotalSeconds, Window.TotalSeconds);
        }
        else if (behind && !_behind)
        {
            logger.LogWarning(
                "The simulation is not keeping up with its clock (speed {Speed}): timers fired {MeanLateSeconds:0.###} simulated s late on average "
                + "({MeanLateMilliseconds:0.###} real ms; at worst {MaxLateSeconds:0.###} simulated s) over the last {Window} s, above Pbx:Clock:LagWarningSeconds = {Threshold}. "
                + "{Consequence}",
                reading.Speed, reading.MeanLate.TotalSeconds, reading.MeanLateReal.TotalMilliseconds, reading.MaxLate.TotalSeconds,
                Window.TotalSeconds, options.Value.LagWarningSeconds,
                clock.Exact
                    ? "The paced exact clock keeps the events in order: it runs slower than its speed instead; lower the speed or the call rate to keep the pace."
                    : "Statistics drift from the exact sample path; lower the speed or the call rate, or set Pbx:Clock:Exact.");
        }
        else if (!behind && _behind)
        {
            logger.LogInformation("The simulation keeps up with its clock again: timers fired {MeanLateSeconds:0.###} simulated s late on average.",
                reading.MeanLate.TotalSeconds);
        }

        _behind = behind;
    }

    /// <summary>Behind when the window's timers fired later than the threshold on average, or the clock is held (<see cref="IsHeld"/>).</summary>
    public static bool IsBehind(TimerLagReading reading, ClockOptions options, TimeSpan behindNow) =>
        reading.MeanLate.TotalSeconds > options.LagWarningSeconds || IsHeld(reading, options, behindNow);

    /// <summary>
    /// Held: no timer fired in the window while an exact clock stands further behind its pace than the threshold
    /// (<paramref name="behindNow"/>). A step whose grain work never ends holds that clock, and no firing would tell.
    /// </summary>
    public static bool IsHeld(TimerLagReading reading, ClockOptions options, TimeSpan behindNow) =>
        reading.Firings == 0 && behindNow.TotalSeconds > options.LagWarningSeconds;
}
