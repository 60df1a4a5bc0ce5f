namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// One counter of the call model's work in flight across a whole cluster: grain calls sent and not yet handled, and
/// calls being handled. The stepping driver fires the next timer only once it reads zero, so every consequence of one
/// timer has happened before the next one fires. Lock-free, because the grain call filters update it on grain threads.
/// </summary>
public sealed class WorkTracker
{
    private long _inFlight;
    private TaskCompletionSource? _idle;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public void Begin() => Interlocked.Increment(ref _inFlight);

    public void End()
    {
        var left = Interlocked.Decrement(ref _inFlight);
        if (left == 0)
        {
            Interlocked.Exchange(ref _idle, null)?.TrySetResult();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("More work ended than began: a call was counted once and uncounted twice.");
        }
    }

    /// <summary>Completes when the count is (or next falls to) zero.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        if (InFlight == 0)
        {
            return Task.CompletedTask;
        }

        var waiter = Volatile.Read(ref _idle);
        if (waiter is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _idle, fresh, null) ?? fresh;
        }

        // The last piece of work may have ended between the first look and the waiter's registration, and then nobody
        // is left to complete it.
        if (InFlight == 0)
        {
            Interlocked.CompareExchange(ref _idle, null, waiter);
            waiter.TrySetResult();
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }
}
