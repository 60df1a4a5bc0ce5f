using System.Diagnostics;

namespace PbxGrains.Load.Running;

/// <summary>
/// When requests succeed again after a disturbance. Cut into seconds from a moment on, a second is good when no workload
/// failed more than the share allowed of the requests it sent in that second; requests have recovered at the start of
/// the first good second that begins a run of good seconds as long as the quiet gap. A share rather than none at all:
/// a lasting trickle of failures (one call in a hundred) is reported as such, not as an outage that never ends.
/// </summary>
public static class Recovery
{
    /// <param name="outcomes">The operations sent from <paramref name="from"/> on.</param>
    /// <param name="until">Seconds from <paramref name="from"/> up to this moment are judged (only whole seconds, whose operations have all come back).</param>
    /// <param name="workloads">How many workloads the operations are of (their indexes).</param>
    /// <param name="maxFailedShare">The share of a workload's requests in a second that may fail in a good second (0: none).</param>
    /// <returns>The start of the recovered second (a <see cref="Stopwatch"/> timestamp), or null while there is none yet.</returns>
    public static long? RecoveredAt(IReadOnlyList<OutcomeLog.Entry> outcomes, long from, long until, int workloads, double maxFailedShare, TimeSpan quiet)
    {
        var second = Stopwatch.Frequency;
        var seconds = (int)Math.Max(0, (until - from) / second);
        var needed = Math.Max(1, (int)Math.Ceiling(quiet.TotalSeconds));
        if (seconds < needed)
        {
            return null;
        }

        var sent = new long[seconds, workloads];
        var failed = new long[seconds, workloads];
        foreach (var outcome in outcomes)
        {
            var k = (outcome.Sent - from) / second;
            if (outcome.Sent < from || k >= seconds)
            {
                continue;
            }

            sent[k, outcome.Workload]++;
            if (outcome.Kind is OutcomeKind.Error or OutcomeKind.Timeout)
            {
                failed[k, outcome.Workload]++;
            }
        }

        var good = 0;
        for (var k = 0; k < seconds; k++)
        {
            var ok = true;
            for (var w = 0; w < workloads && ok; w++)
            {
                ok = failed[k, w] <= maxFailedShare * sent[k, w];
            }

            good = ok ? good + 1 : 0;
            if (good == needed)
            {
                return from + ((k - needed + 1) * second);
            }
        }

        return null;
    }
}
