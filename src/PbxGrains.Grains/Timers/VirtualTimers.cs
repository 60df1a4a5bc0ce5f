namespace PbxGrains.Grains.Timers;

/// <summary>
/// Timers on the call model's clock (<see cref="Abstractions.Client.PbxClock"/>). A firing is delivered back to the
/// grain as a one-way message, so its handler runs in the grain's own turn like any other request; a timer cancelled
/// before its message is handled is recognised by its id and ignored. Only the grain's thread touches the table.
/// </summary>
public sealed class VirtualTimers(TimeProvider time, Func<long, Task> deliver) : IDisposable
{
    private readonly Dictionary<long, ITimer> _pending = [];
    private long _lastId;

    public long Schedule(TimeSpan delay)
    {
        var id = ++_lastId;
        var timer = time.CreateTimer(static state => ((Firing)state!).Fire(), new Firing(deliver, id), delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        _pending[id] = timer;
        return id;
    }

    public void Cancel(long? id)
    {
        if (id is { } value && _pending.Remove(value, out var timer))
        {
            timer.Dispose();
        }
    }

    /// <summary>Claims a firing: true when the timer was still pending (not cancelled or already handled).</summary>
    public bool Claim(long id)
    {
        if (!_pending.Remove(id, out var timer))
        {
            return false;
        }

        timer.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var timer in _pending.Values)
        {
            timer.Dispose();
        }

        _pending.Clear();
    }

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
