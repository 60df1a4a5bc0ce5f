using System.Diagnostics;

namespace PbxGrains.Load.Running;

/// <summary>
/// When every operation of some streams was sent and how it came out, per workload: what the chaos scenario cuts into
/// the spans of its events (the runner's recorder keeps per-second buckets, too coarse for a failure window). An
/// operation is timed by when it was sent, so a timeout belongs to the moment the service failed, not to the end of the
/// wait. About 16 bytes an operation: a few MB for a run of minutes at hundreds a second.
/// </summary>
public sealed class OutcomeLog
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>One operation: its sending (a <see cref="Stopwatch"/> timestamp), its workload's index and its outcome.</summary>
    public readonly record struct Entry(long Sent, int Workload, OutcomeKind Kind);

    /// <summary>
    /// <paramref name="operation"/>, logged under <paramref name="workload"/>: its outcome, an exception as an error, and
    /// the runner's cancellation (its timeout) as a timeout; what it answers or throws is passed on unchanged.
    /// </summary>
    public Func<long, CancellationToken, Task<Outcome>> Logging(int workload, Func<long, CancellationToken, Task<Outcome>> operation) => async (i, token) =>
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await operation(i, token);
            Add(sent, workload, outcome.Kind);
            return outcome;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Add(sent, workload, OutcomeKind.Timeout);
            throw;
        }
        catch
        {
            Add(sent, workload, OutcomeKind.Error);
            throw;
        }
    };

    /// <summary>The operations sent from <paramref name="from"/> up to (not including) <paramref name="to"/>, in the order they completed.</summary>
    public IReadOnlyList<Entry> Sent(long from, long to)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Sent >= from && e.Sent < to).ToList();
        }
    }

    private void Add(long sent, int workload, OutcomeKind kind)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(sent, workload, kind));
        }
    }
}
