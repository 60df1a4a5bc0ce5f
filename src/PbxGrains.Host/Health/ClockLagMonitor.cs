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
                Check(lag.Roll(clock.Now, clock.Speed));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private void Check(TimerLagReading reading)
    {
        var behind = IsBehind(reading, options.Value);
        if (behind && !_behind)
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

    public static bool IsBehind(TimerLagReading reading, ClockOptions options) =>
        reading.MeanLate.TotalSeconds > options.LagWarningSeconds;
}
