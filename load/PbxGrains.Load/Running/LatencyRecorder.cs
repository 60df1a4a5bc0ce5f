using HdrHistogram;

namespace PbxGrains.Load.Running;

/// <summary>
/// The measured figures of one stream: an HdrHistogram of latencies in microseconds (counted from each operation's due
/// time), a per-second series for the latency-over-time plot, and counts of errors and timeouts with a few samples.
/// Operations complete on many threads, so every update takes the one lock: a few hundred nanoseconds at most.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>One hour in microseconds: nothing the runner waits for can take longer.</summary>
    public const long HighestMicros = 3_600_000_000;

    private const int MaxErrorSamples = 8;

    private readonly object _gate = new();
    private readonly LongHistogram _all = new(HighestMicros, 3);
    private readonly List<SecondBucket> _seconds = [];
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);

    public long Ok { get; private set; }

    public long Errors { get; private set; }

    public long Timeouts { get; private set; }

    /// <summary>Answers the host marked as injected faults: neither errors nor latency.</summary>
    public long Injected { get; private set; }

    public void Record(int second, long micros, Outcome outcome)
    {
        micros = Math.Clamp(micros, 1, HighestMicros);
        lock (_gate)
        {
            while (_seconds.Count <= second)
            {
                _seconds.Add(new SecondBucket());
            }

            var bucket = _seconds[second];
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok:
                    Ok++;
                    bucket.Ok++;
                    _all.RecordValue(micros);
                    bucket.Histogram.RecordValue(micros);
                    break;
                case OutcomeKind.Timeout:
                    Timeouts++;
                    bucket.Failures++;
                    // A timeout is the slowest answer there is: it counts in the latency at the limit, never vanishes.
                    _all.RecordValue(micros);
                    bucket.Histogram.RecordValue(micros);
                    Sample("timeout");
                    break;
                case OutcomeKind.Injected:
                    Injected++;
                    break;
                default:
                    Errors++;
                    bucket.Failures++;
                    Sample(outcome.Error ?? "error");
                    break;
            }
        }
    }

    public LatencySummary Summary()
    {
        lock (_gate)
        {
            return LatencySummary.Of(_all);
        }
    }

    public IReadOnlyList<SecondFigures> Series()
    {
        lock (_gate)
        {
            return _seconds.Select((b, i) => new SecondFigures(
                i,
                b.Histogram.TotalCount,
                b.Failures,
                Ms(b.Histogram, 50),
                Ms(b.Histogram, 99),
                b.Histogram.TotalCount == 0 ? 0 : b.Histogram.GetMaxValue() / 1000.0)).ToList();
        }
    }

    /// <summary>
    /// The latency of the seconds from <paramref name="fromSecond"/> up to (not including) <paramref name="toSecond"/>,
    /// merged from the per-second histograms (two significant digits): a soak's per-minute figures.
    /// </summary>
    public (LatencySummary Latency, long Ok, long Failures) Window(int fromSecond, int toSecond)
    {
        lock (_gate)
        {
            var merged = new LongHistogram(HighestMicros, 2);
            long ok = 0;
            long failures = 0;
            for (var second = Math.Max(0, fromSecond); second < Math.Min(toSecond, _seconds.Count); second++)
            {
                merged.Add(_seconds[second].Histogram);
                ok += _seconds[second].Ok;
                failures += _seconds[second].Failures;
            }

            // Timeouts are in the latency (at the limit); only answered calls are counted as calls.
            return (LatencySummary.Of(merged), ok, failures);
        }
    }

    /// <summary>The p99 of the newest second recorded (the console's progress line), in milliseconds.</summary>
    public double LastSecondP99()
    {
        lock (_gate)
        {
            return _seconds.Count == 0 ? 0 : Ms(_seconds[^1].Histogram, 99);
        }
    }

    /// <summary>The latency at percentiles from 0 to 99.999 on a log scale of 1/(1-p): the percentile plot.</summary>
    public IReadOnlyList<PercentilePoint> Distribution()
    {
        lock (_gate)
        {
            if (_all.TotalCount == 0)
            {
                return [];
            }

            var points = new List<PercentilePoint>();
            foreach (var p in new[] { 0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 })
            {
                points.Add(new PercentilePoint(p, _all.GetValueAtPercentile(p) / 1000.0));
            }

            return points;
        }
    }

    public IReadOnlyDictionary<string, int> ErrorSamples()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_errors, StringComparer.Ordinal);
        }
    }

    private void Sample(string error)
    {
        if (_errors.TryGetValue(error, out var n))
        {
            _errors[error] = n + 1;
        }
        else if (_errors.Count < MaxErrorSamples)
        {
            _errors[error] = 1;
        }
    }

    private static double Ms(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    private sealed class SecondBucket
    {
        // Two significant digits: enough for a plot, a few kilobytes per second of run.
        public LongHistogram Histogram { get; } = new(HighestMicros, 2);

        public long Ok { get; set; }

        public long Failures { get; set; }
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary Of(LongHistogram h) => h.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            h.TotalCount,
            h.GetMean() / 1000.0,
            h.GetValueAtPercentile(50) / 1000.0,
            h.GetValueAtPercentile(90) / 1000.0,
            h.GetValueAtPercentile(99) / 1000.0,
            h.GetValueAtPercentile(99.9) / 1000.0,
            h.GetMaxValue() / 1000.0);
}

/// <summary>One second of a run (seconds counted from the start of the measured window).</summary>
public sealed record SecondFigures(int Second, long Count, long Failures, double P50, double P99, double Max);

public sealed record PercentilePoint(double Percentile, double Millis);
