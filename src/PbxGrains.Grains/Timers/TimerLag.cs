namespace PbxGrains.Grains.Timers;

/// <summary>
/// How late the call model's timers fire in this silo: each claimed firing adds how long after its due instant the
/// grain got to it (simulated time, which is real time × the clock's speed). Firings are counted lock-free from any
/// grain thread; <see cref="Roll"/>, called by one monitor at a fixed real interval, closes the window into
/// <see cref="Latest"/>, which metrics, the control API and the health check read. A silo whose timers fire late is
/// not keeping up with its clock: everything a late timer causes happens late, and the statistics drift from the
/// exact sample path.
/// </summary>
public sealed class TimerLag
{
    private long _firings;
    private long _totalTicks;
    private long _maxTicks;

    /// <summary>The last closed window; empty until the first <see cref="Roll"/>.</summary>
    public TimerLagReading Latest { get; private set; } = TimerLagReading.None;

    public void Record(TimeSpan late)
    {
        var ticks = Math.Max(0, late.Ticks);
        Interlocked.Increment(ref _firings);
        Interlocked.Add(ref _totalTicks, ticks);
        var max = Volatile.Read(ref _maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Closes the window that ends at <paramref name="now"/> (simulated) and starts the next.</summary>
    /// <param name="speed">Simulated seconds per real second, to state the lag in real time too.</param>
    public TimerLagReading Roll(DateTimeOffset now, double speed)
    {
        // A firing recorded between these exchanges lands in one window or the next: a monitor need not be exact.
        var firings = Interlocked.Exchange(ref _firings, 0);
        var total = Interlocked.Exchange(ref _totalTicks, 0);
        var max = Interlocked.Exchange(ref _maxTicks, 0);
        Latest = new TimerLagReading(now, speed, firings,
            firings == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(total / firings), TimeSpan.FromTicks(max));
        return Latest;
    }
}

/// <summary>One window of timer firings: how many, and how late on average and at worst (simulated time).</summary>
public sealed record class TimerLagReading(DateTimeOffset At, double Speed, long Firings, TimeSpan MeanLate, TimeSpan MaxLate)
{
    public static TimerLagReading None { get; } = new(default, 1, 0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The mean lateness in real time: how long the silo took, beyond the due instant, to get to a timer.</summary>
    public TimeSpan MeanLateReal => TimeSpan.FromTicks((long)(MeanLate.Ticks / Speed));

    public TimeSpan MaxLateReal => TimeSpan.FromTicks((long)(MaxLate.Ticks / Speed));
}
