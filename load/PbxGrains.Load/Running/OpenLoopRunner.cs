using System.Diagnostics;
using System.Globalization;

namespace PbxGrains.Load.Running;

/// <summary>
/// One named stream of a schedule: operation i of it is due at t0 + i/rate, or, with a <paramref name="Ramp"/>, on a
/// rate that rises linearly from 0 to <paramref name="Rate"/> over the ramp and stays there (a cold host is not met with
/// the full rate at once; the ramp belongs in the warm-up, which is not recorded).
/// </summary>
/// <param name="Operation">Performs operation number i; it must honour the token (the runner's timeout).</param>
public sealed record LoadStream(string Name, double Rate, Func<long, CancellationToken, Task<Outcome>> Operation, bool IsBaseline = false, TimeSpan Ramp = default);

/// <summary>How long a phase runs: operations due during the warm-up are performed but not recorded.</summary>
public sealed record RunPlan(string Phase, TimeSpan Warmup, TimeSpan Duration, TimeSpan Timeout, int MaxInFlight = 20_000);

/// <summary>
/// The open-loop runner. Every stream has its own fixed schedule (operation i due at t0 + i/rate), all streams are
/// interleaved on one timeline, and an operation's latency counts from its due time, not from when it was sent: a
/// stall of the host or of this client shows as latency of every operation that was due during it, never as fewer
/// operations (no coordinated omission). An operation due within half a millisecond is sent with those due now and
/// timed from its sending. Operations are started without waiting for earlier ones; an operation that
/// would exceed <see cref="RunPlan.MaxInFlight"/> is not sent and counts against the achieved rate.
/// Bounded: nothing is dispatched later than the end of the window plus the timeout, and the drain waits at most
/// the timeout plus a second.
/// </summary>
public static class OpenLoopRunner
{
    /// <param name="finish">
    /// Ends the measured window early, when it is cancelled (a run whose length is not known in advance, e.g. until a
    /// series of events is over): nothing due later is sent, and the phase's duration is the window that was run.
    /// </param>
    public static async Task<PhaseResult> RunAsync(RunPlan plan, IReadOnlyList<LoadStream> streams, TextWriter progress, CancellationToken ct,
        CancellationToken finish = default)
    {
        var states = streams.Select(s => new StreamState(s)).ToArray();
        var warmupTicks = Ticks(plan.Warmup);
        var endTicks = Ticks(plan.Warmup + plan.Duration);
        var dispatchLimit = endTicks + Ticks(plan.Timeout);
        var finished = false;
        var inFlight = new InFlight();
        var t0 = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = ReportProgressAsync(plan, states, inFlight, t0, warmupTicks, progress, stop.Token);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct, finish);

        while (!ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp() - t0;
            if (finish.IsCancellationRequested && !finished)
            {
                finished = true;
                endTicks = Math.Clamp(now, warmupTicks + 1, endTicks);
                dispatchLimit = endTicks + Ticks(plan.Timeout);
            }
            var next = long.MaxValue;
            var pending = false;
            foreach (var s in states)
            {
                while (true)
                {
                    var due = s.Due(s.Next);
                    if (due >= endTicks)
                    {
                        break;
                    }

                    pending = true;
                    if (due > now + EarlyTicks)
                    {
                        next = Math.Min(next, due);
                        break;
                    }

                    var index = s.Next++;
                    var measured = due >= warmupTicks;
                    if (measured)
                    {
                        s.LastMeasuredDispatch = now;
                    }

                    if (inFlight.Count >= plan.MaxInFlight)
                    {
                        if (measured)
                        {
                            s.Dropped++;
                        }

                        continue;
                    }

                    if (measured)
                    {
                        s.Sent++;
                    }

                    _ = PerformAsync(s, index, t0 + due, measured ? (int)((due - warmupTicks) / Stopwatch.Frequency) : -1, plan.Timeout, inFlight, ct);
                }
            }

            if (!pending || now > dispatchLimit)
            {
                break;
            }

            // Sleep to the next operation not yet sendable. The timer's granularity is about a millisecond: what is
            // late by then is sent at once and its lateness is counted. No busy waiting: on the machine the host runs
            // on, spinning here would take the cores the host is measured on.
            var wait = next - EarlyTicks - (Stopwatch.GetTimestamp() - t0);
            if (wait > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(wait, Stopwatch.Frequency) / (double)Stopwatch.Frequency), wake.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Finished early: the next turn of the loop ends the window.
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        // Operations still due after the dispatch limit were never sent: they count against the achieved rate.
        foreach (var s in states)
        {
            while (s.Due(s.Next) < endTicks)
            {
                if (s.Due(s.Next) >= warmupTicks)
                {
                    s.Dropped++;
                }

                s.Next++;
            }
        }

        var drainUntil = Stopwatch.GetTimestamp() + Ticks(plan.Timeout + TimeSpan.FromSeconds(1));
        while (inFlight.Count > 0 && Stopwatch.GetTimestamp() < drainUntil && !ct.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        await stop.CancelAsync();
        await reporter;
        var window = (endTicks - warmupTicks) / (double)Stopwatch.Frequency;
        return new PhaseResult(plan with { Duration = TimeSpan.FromSeconds(window) }, states.Select(s => new StreamResult(
            s.Stream.Name,
            s.Stream.IsBaseline,
            s.Stream.Rate,
            s.Sent,
            s.Dropped,
            // Achieved: what was sent in the window over the time it took to send it (at least the window).
            s.Sent / Math.Max(window, (s.LastMeasuredDispatch - warmupTicks) / (double)Stopwatch.Frequency),
            inFlight.Count,
            s.Recorder)).ToList());
    }

    private static async Task PerformAsync(StreamState s, long index, long dueTimestamp, int second, TimeSpan timeout, InFlight inFlight, CancellationToken ct)
    {
        // An operation sent a little before its due time (at most EarlyTicks) is timed from its sending.
        var sent = Stopwatch.GetTimestamp();
        inFlight.Enter();
        try
        {
            Outcome outcome;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                outcome = await s.Stream.Operation(index, limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                outcome = new Outcome(OutcomeKind.Timeout);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                outcome = Outcome.Failed(error is HttpRequestException http ? $"HTTP: {http.HttpRequestError}" : error.GetType().Name);
            }

            var micros = (Stopwatch.GetTimestamp() - Math.Min(dueTimestamp, sent)) * 1_000_000 / Stopwatch.Frequency;
            if (second >= 0)
            {
                s.Recorder.Record(second, micros, outcome);
            }
        }
        catch (OperationCanceledException)
        {
            // The whole run was cancelled: nothing to record.
        }
        finally
        {
            inFlight.Leave();
        }
    }

    private static async Task ReportProgressAsync(RunPlan plan, StreamState[] states, InFlight inFlight, long t0, long warmupTicks, TextWriter progress, CancellationToken ct)
    {
        var previous = states.Select(_ => 0L).ToArray();
        try
        {
            while (true)
            {
                await Task.Delay(1000, ct);
                var elapsed = (Stopwatch.GetTimestamp() - t0) / (double)Stopwatch.Frequency;
                var phase = Stopwatch.GetTimestamp() - t0 < warmupTicks ? "warm-up" : "measure";
                var parts = states.Select((s, i) =>
                {
                    var sent = s.Next - previous[i];
                    previous[i] = s.Next;
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{s.Stream.Name} {sent}/s p99 {s.Recorder.LastSecondP99():0.0} ms err {s.Recorder.Errors + s.Recorder.Timeouts}");
                });
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  [{plan.Phase}] {elapsed,5:0}s/{(plan.Warmup + plan.Duration).TotalSeconds:0}s {phase} in-flight {inFlight.Count} | {string.Join(" | ", parts)}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }

    /// <summary>
    /// How early an operation may be sent: the operations due within the next half millisecond go with the ones due
    /// now, instead of the dispatcher spinning for them (it would compete with the host for the cores).
    /// </summary>
    private static readonly long EarlyTicks = Stopwatch.Frequency / 2000;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class StreamState(LoadStream stream)
    {

        public LoadStream Stream { get; } = stream;

        public LatencyRecorder Recorder { get; } = new();

        public long Next { get; set; }

        public long Sent { get; set; }

        public long Dropped { get; set; }

        public long LastMeasuredDispatch { get; set; }

        public long Due(long index) => (long)(Schedule.DueSeconds(index, Stream.Rate, Stream.Ramp) * Stopwatch.Frequency);
    }

    private sealed class InFlight
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Enter() => Interlocked.Increment(ref _count);

        public void Leave() => Interlocked.Decrement(ref _count);
    }
}

/// <summary>What one phase of a run measured, per stream.</summary>
public sealed record PhaseResult(RunPlan Plan, IReadOnlyList<StreamResult> Streams);

public sealed record StreamResult(
    string Name,
    bool IsBaseline,
    double OfferedRate,
    long Sent,
    long NotSent,
    double AchievedRate,
    int StillInFlight,
    LatencyRecorder Recorder);

/// <summary>When operation i of a stream is due, in seconds from the phase's start.</summary>
internal static class Schedule
{
    /// <summary>
    /// i/rate; with a ramp of T seconds the rate rises linearly from 0 to <paramref name="rate"/> over T, so the ramp
    /// holds rate·T/2 operations, the i-th of them due at sqrt(2·i·T/rate), and the rest follow at the full rate.
    /// </summary>
    public static double DueSeconds(long index, double rate, TimeSpan ramp)
    {
        var t = Math.Max(0, ramp.TotalSeconds);
        var inRamp = rate * t / 2;
        return index < inRamp ? Math.Sqrt(2 * index * t / rate) : t + ((index - inRamp) / rate);
    }
}
