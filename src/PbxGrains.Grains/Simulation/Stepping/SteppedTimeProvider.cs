using PbxGrains.Client;

namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// A clock that moves only when told to, one timer at a time: the basis of deterministic runs. It knows every pending
/// timer (its due instant, the order it was scheduled in, its period); <see cref="FireNext"/> moves the clock to the
/// earliest due instant and fires that one timer alone, ties going to the timer scheduled first. Nothing fires on its
/// own: a timer scheduled with a zero delay waits for the next <see cref="FireNext"/> like any other.
/// <para>
/// Paced (built on a <see cref="ScaledTimeProvider"/>), it is the live host's exact clock (<c>Pbx:Clock:Exact</c>,
/// <see cref="PacedDriver"/>): between steps (<see cref="Release"/>) its now follows the scaled clock, so requests from
/// outside see time pass, but never beyond the next due timer; during a step it stays at the step's instant.
/// </para>
/// <para>
/// Grains schedule and cancel timers from their own threads while the driver fires them from another, so the queue is
/// guarded by a lock; callbacks always run outside it, since they send grain calls that may schedule timers again.
/// </para>
/// <para>
/// The one order it cannot fix: two grains that, handling the same event, schedule timers for the same instant run
/// concurrently, so which was scheduled first is up to the threads. Drawn delays practically never tie; constant ones
/// in a scenario should not add up to the same instant in two grains that affect each other.
/// </para>
/// </summary>
public sealed class SteppedTimeProvider : TimeProvider, IScaledTime
{
    private readonly Lock _gate = new();
    private readonly SortedSet<Pending> _pending = new(PendingOrder.Instance);
    private readonly ScaledTimeProvider? _pace;
    private DateTimeOffset _now;
    private long _lastSequence;

    // Paced only: between steps, now follows the pace (see FollowPace).
    private bool _released;

    // Completed (and replaced) when a timer is scheduled ahead of every other: a paced driver waiting for the next due
    // instant must wait for this one instead.
    private TaskCompletionSource _sooner = NewSignal();

    /// <summary>A clock driven by hand (<see cref="SimulationDriver"/>) from <paramref name="start"/>.</summary>
    public SteppedTimeProvider(DateTimeOffset start) => _now = start;

    /// <summary>A clock paced by <paramref name="pace"/> (<see cref="PacedDriver"/>), from the pace's now.</summary>
    public SteppedTimeProvider(ScaledTimeProvider pace)
    {
        _pace = pace;
        _now = pace.GetUtcNow();
    }

    /// <summary>The pace's speed; 1 for a clock driven by hand.</summary>
    public double Speed => _pace?.Speed ?? 1;

    public bool Exact => true;

    public bool Paced => _pace is not null;

    /// <summary>
    /// How far this clock is behind its pace (simulated time): zero while the host keeps up, growing while it does
    /// not; always zero for a clock driven by hand.
    /// </summary>
    public TimeSpan Behind
    {
        get
        {
            if (_pace is null)
            {
                return TimeSpan.Zero;
            }

            lock (_gate)
            {
                FollowPace();
                var behind = _pace.GetUtcNow() - _now;
                return behind > TimeSpan.Zero ? behind : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Completes when a timer is scheduled ahead of every pending one (take it before reading <see cref="NextDue"/>).</summary>
    public Task SoonerTimer
    {
        get
        {
            lock (_gate)
            {
                return _sooner.Task;
            }
        }
    }

    /// <summary>The earliest instant a pending timer is due at, or null when no timer is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _pending.Min!.Due;
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>UTC, whatever the machine's zone: a run must not depend on where it runs.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            FollowPace();
            return _now;
        }
    }

    /// <summary>
    /// Paced: the step has settled; until the next <see cref="FireNext"/> the clock follows its pace up to the next due
    /// timer. Without a pace it changes nothing.
    /// </summary>
    public void Release()
    {
        lock (_gate)
        {
            _released = _pace is not null;
        }
    }

    /// <summary>
    /// Paced: how long, in real time, until the pace reaches the next due timer; zero when it is due, null when none is
    /// pending.
    /// </summary>
    public TimeSpan? RealTimeToNextDue()
    {
        var pace = _pace ?? throw new InvalidOperationException("Only a paced clock waits for real time.");
        var due = NextDue;
        if (due is null)
        {
            return null;
        }

        var left = due.Value - pace.GetUtcNow();
        return left > TimeSpan.Zero ? TimeSpan.FromTicks((long)Math.Ceiling(left.Ticks / pace.Speed)) : TimeSpan.Zero;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SteppedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to the earliest pending timer's due instant (never backwards: an overdue timer fires at the
    /// current instant) and fires that timer alone, rescheduling it first if it is periodic. False when none is pending.
    /// </summary>
    public bool FireNext()
    {
        SteppedTimer timer;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            var next = _pending.Min!;
            _pending.Remove(next);
            if (next.Due > _now)
            {
                _now = next.Due;
            }

            // A step happens at its instant: until it settles, the clock stays there.
            _released = false;
            timer = next.Timer;
            timer.Scheduled = null;
            if (IsPeriodic(timer.Period))
            {
                // Fixed rate from the due instant, as System.Threading.Timer does; a new sequence puts the repetition
                // behind timers already scheduled for the same instant.
                Add(timer, next.Due + timer.Period);
            }
        }

        timer.Fire();
        return true;
    }

    /// <summary>
    /// Moves the clock to <paramref name="instant"/> without firing anything (the end of a run). A timer due before it
    /// would be skipped, so that is refused: fire it first. An instant before now leaves the clock where it is.
    /// </summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            if (_pending.Count > 0 && _pending.Min!.Due < instant)
            {
                throw new InvalidOperationException(
                    $"A timer is due at {_pending.Min.Due:O}, before {instant:O}: fire it before moving the clock past it.");
            }

            if (instant > _now)
            {
                _now = instant;
            }
        }
    }

    private static bool IsPeriodic(TimeSpan period) => period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero;

    private static void Validate(TimeSpan span, string name)
    {
        if (span != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, name);
        }
    }

    private bool Change(SteppedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            Unschedule(timer);
            timer.Period = period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                // Relative to the now a caller between steps reads, which follows the pace.
                FollowPace();
                Add(timer, _now + dueTime);
            }

            return true;
        }
    }

    private void Dispose(SteppedTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            Unschedule(timer);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The helpers below run under the lock.

    /// <summary>
    /// Between the steps of a paced clock, now is the pace's now, but never past the next due timer (it must fire at
    /// its instant) nor back (an instant once read stays read).
    /// </summary>
    private void FollowPace()
    {
        if (!_released || _pace is null)
        {
            return;
        }

        var target = _pace.GetUtcNow();
        if (_pending.Count > 0 && _pending.Min!.Due < target)
        {
            target = _pending.Min.Due;
        }

        if (target > _now)
        {
            _now = target;
        }
    }

    private void Add(SteppedTimer timer, DateTimeOffset due)
    {
        var entry = new Pending(due, ++_lastSequence, timer);
        _pending.Add(entry);
        timer.Scheduled = entry;
        if (ReferenceEquals(_pending.Min, entry))
        {
            var sooner = _sooner;
            _sooner = NewSignal();
            sooner.TrySetResult();
        }
    }

    private void Unschedule(SteppedTimer timer)
    {
        if (timer.Scheduled is { } entry)
        {
            _pending.Remove(entry);
            timer.Scheduled = null;
        }
    }

    private sealed record class Pending(DateTimeOffset Due, long Sequence, SteppedTimer Timer);

    private sealed class PendingOrder : IComparer<Pending>
    {
        public static readonly PendingOrder Instance = new();

        public int Compare(Pending? x, Pending? y)
        {
            var byDue = x!.Due.CompareTo(y!.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }

    private sealed class SteppedTimer(SteppedTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        // The schedule is the owner's to keep, under its lock.
        public Pending? Scheduled { get; set; }

        public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Change(this, dueTime, period);

        public void Fire() => callback(state);

        public void Dispose() => owner.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
