namespace PbxGrains.Client;

/// <summary>
/// A clock that runs <see cref="Speed"/> times as fast as its base clock: the demo and long studies use it to live an
/// hour of traffic in minutes. Virtual time is <c>start + elapsed base time × speed</c>, and a timer due in a virtual
/// span is a base timer due in that span divided by the speed.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider, IScaledTime
{
    private readonly TimeProvider _baseTime;
    private readonly DateTimeOffset _start;
    private readonly long _baseStart;

    // Base timestamp units to virtual ticks, folded into one factor so a reading costs one multiplication.
    private readonly double _virtualTicksPerBaseUnit;

    /// <param name="speed">Virtual seconds per base second: finite and positive (2 = twice as fast, 0.5 = half speed).</param>
    /// <param name="baseTime">The clock whose elapsed time is scaled; the system clock by default.</param>
    /// <param name="start">The virtual instant at construction; the base clock's now by default.</param>
    public ScaledTimeProvider(double speed, TimeProvider? baseTime = null, DateTimeOffset? start = null)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be a finite number greater than zero.");
        }

        Speed = speed;
        _baseTime = baseTime ?? System;
        _start = start ?? _baseTime.GetUtcNow();

        // Elapsed time is measured on the base clock's monotonic timestamp, not on its wall clock, so an NTP step or a
        // daylight change of the machine never makes virtual time jump.
        _baseStart = _baseTime.GetTimestamp();
        _virtualTicksPerBaseUnit = speed * TimeSpan.TicksPerSecond / _baseTime.TimestampFrequency;
    }

    public double Speed { get; }

    /// <summary>Timers fire when the base clock says, however far the host has got: late events are taken late.</summary>
    public bool Exact => false;

    public TimeSpan Behind => TimeSpan.Zero;

    public override TimeZoneInfo LocalTimeZone => _baseTime.LocalTimeZone;

    /// <summary>Timestamps count virtual ticks since construction, so they agree with <see cref="GetUtcNow"/> exactly.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => VirtualElapsedTicks();

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(VirtualElapsedTicks());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(_baseTime.CreateTimer(callback, state, ToBase(dueTime, nameof(dueTime)), ToBase(period, nameof(period))), this);
    }

    private long VirtualElapsedTicks() => (long)((_baseTime.GetTimestamp() - _baseStart) * _virtualTicksPerBaseUnit);

    /// <summary>
    /// The base span of a virtual one, rounded up: a timer must never fire before its virtual due instant, so a test
    /// that reads the clock in the callback always finds the due time reached.
    /// </summary>
    private TimeSpan ToBase(TimeSpan span, string name)
    {
        if (span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero)
        {
            return span;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, name);
        var ticks = Math.Ceiling(span.Ticks / Speed);
        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(name, span, $"The span is too long for a timer at speed {Speed}.");
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) =>
            inner.Change(owner.ToBase(dueTime, nameof(dueTime)), owner.ToBase(period, nameof(period)));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
