using PbxGrains.Client;

namespace PbxGrains.Grains.Timers;

/// <summary>
/// Timers on the call model's clock (<see cref="PbxClock"/>). A firing is delivered back to the
/// grain as a one-way message, so its handler runs in the grain's own turn like any other request; a timer cancelled
/// before its message is handled is recognised by its id and ignored. Only the grain's thread touches the table.
/// <para>
/// One underlying timer waits at most <see cref="MaxLeg"/> (system timers refuse delays beyond about 49.7 days, and a
/// drawn talk time or a sparse arrival can exceed that); a longer delay is covered by several legs: a firing before
/// the due instant re-arms for the rest and is not claimed.
/// </para>
/// <para>A claimed firing tells the silo's <see cref="TimerLag"/> how late it was handled (the silo's measure of keeping up).</para>
/// </summary>
public sealed class VirtualTimers(TimeProvider time, Func<long, Task> deliver, TimerLag? lag = null) : IDisposable
{
    public static readonly TimeSpan MaxLeg = TimeSpan.FromDays(1);

    private readonly Dictionary<long, (ITimer Timer, DateTimeOffset Due)> _pending = [];
    private long _lastId;

    public long Schedule(TimeSpan delay)
    {
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        return ScheduleAt(delay >= DateTimeOffset.MaxValue - time.GetUtcNow() ? DateTimeOffset.MaxValue : time.GetUtcNow() + delay);
    }

    /// <summary>
    /// A timer due at <paramref name="due"/>, which may already have passed (it then fires at once, and
    /// <see cref="Claim(long, out DateTimeOffset)"/> still gives <paramref name="due"/>): a grain that works at its
    /// cause's instant rather than at the moment it got to it schedules what follows from that instant, so the
    /// lateness of one timer is not added to the next.
    /// </summary>
    public long ScheduleAt(DateTimeOffset due)
    {
        var id = ++_lastId;
        var delay = due - time.GetUtcNow();
        _pending[id] = (Arm(id, delay < TimeSpan.Zero ? TimeSpan.Zero : delay), due);
        return id;
    }

    /// <summary>
    /// Arms a timer another activation of the grain started, under the same id and due at the same instant: a grain that
    /// moves to another silo takes its timers along, and a firing message of the old activation that is forwarded with
    /// it still names the right one. Later ids follow on from <paramref name="id"/>.
    /// </summary>
    public void Resume(long id, DateTimeOffset due)
    {
        var delay = due - time.GetUtcNow();
        _pending[id] = (Arm(id, delay < TimeSpan.Zero ? TimeSpan.Zero : delay), due);
        _lastId = Math.Max(_lastId, id);
    }

    /// <summary>The last id given, so that an activation that takes over goes on from it (see <see cref="Resume"/>).</summary>
    public long LastId
    {
        get => _lastId;
        set => _lastId = Math.Max(_lastId, value);
    }

    public void Cancel(long? id)
    {
        if (id is { } value && _pending.Remove(value, out var pending))
        {
            pending.Timer.Dispose();
        }
    }

    /// <summary>
    /// Claims a firing: true when the timer was still pending (not cancelled or already handled) and is due; a leg of a
    /// long delay that fires early is re-armed for the rest and not claimed.
    /// </summary>
    public bool Claim(long id) => Claim(id, out _);

    /// <summary>As <see cref="Claim(long)"/>, and gives the instant the timer was due (at or before now).</summary>
    public bool Claim(long id, out DateTimeOffset due)
    {
        due = default;
        if (!_pending.TryGetValue(id, out var pending))
        {
            return false;
        }

        pending.Timer.Dispose();
        var rest = pending.Due - time.GetUtcNow();
        if (rest > TimeSpan.Zero)
        {
            _pending[id] = (Arm(id, rest), pending.Due);
            return false;
        }

        _pending.Remove(id);

        // An exact clock stands at the due instant while it fires: its lateness is how far it is behind its pace.
        lag?.Record(time is IScaledTime { Exact: true } exact ? exact.Behind : -rest);
        due = pending.Due;
        return true;
    }

    /// <summary>The instant a pending timer is due; null when it is not pending (cancelled, claimed or unknown).</summary>
    public DateTimeOffset? DueOf(long id) => _pending.TryGetValue(id, out var pending) ? pending.Due : null;

    /// <summary>
    /// Stops every timer but remembers what was pending and when it is due: an activation that is going away (and may
    /// move to another silo) must not fire any more, yet its image must still say which timers to arm again.
    /// </summary>
    public void Disarm()
    {
        foreach (var pending in _pending.Values)
        {
            pending.Timer.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var pending in _pending.Values)
        {
            pending.Timer.Dispose();
        }

        _pending.Clear();
    }

    private ITimer Arm(long id, TimeSpan delay) =>
        time.CreateTimer(static state => ((Firing)state!).Fire(), new Firing(deliver, id), delay > MaxLeg ? MaxLeg : delay, Timeout.InfiniteTimeSpan);

    private sealed class Firing(Func<long, Task> deliver, long id)
    {
        public void Fire()
        {
            // One-way delivery: the task completes when the message is sent. A failure to send (the silo is
            // stopping) has nobody to report to and must not crash the timer thread.
            deliver(id).ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }
}
