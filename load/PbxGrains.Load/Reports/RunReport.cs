using PbxGrains.Load.Running;

namespace PbxGrains.Load.Reports;

/// <summary>Everything a run measured and decided: written as JSON, Markdown and HTML by <see cref="ReportWriter"/>.</summary>
public sealed class RunReport
{
    public required string Scenario { get; init; }

    public required string Title { get; init; }

    public DateTimeOffset Started { get; init; } = DateTimeOffset.UtcNow;

    public double Seconds { get; set; }

    public required MachineInfo Machine { get; init; }

    public required HostInfo Host { get; init; }

    public SortedDictionary<string, string> Parameters { get; init; } = new(StringComparer.Ordinal);

    public List<PhaseReport> Phases { get; } = [];

    public List<Figure> Figures { get; } = [];

    public List<ThresholdCheck> Thresholds { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Tables of figures over time (a soak's minutes), each drawn as plots in the HTML report.</summary>
    public List<ReportTable> Tables { get; } = [];

    /// <summary>The host process sampled through the run (CPU and memory over time), drawn in the HTML report.</summary>
    public List<HostSample> HostSamples { get; } = [];

    /// <summary>Disturbances the run applied (the chaos scenario's events), in order, with what each one cost.</summary>
    public List<EventReport> Events { get; } = [];

    /// <summary>Why the run is not valid (achieved rate below 98% of offered, errors): empty when valid.</summary>
    public List<string> InvalidReasons { get; } = [];

    public bool Valid => InvalidReasons.Count == 0;

    public bool Passed => Valid && Thresholds.All(t => t.Passed);

    public void Figure(string name, double value, string unit, string? note = null) => Figures.Add(new Figure(name, value, unit, note));
}

/// <summary>
/// A table of figures, one row per interval (e.g. a minute), with the plots to draw from it: each plot is a title, a
/// unit and the columns (by index, never the first) drawn against the first column.
/// </summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Columns, List<IReadOnlyList<double>> Rows, IReadOnlyList<TablePlot> Plots);

public sealed record TablePlot(string Title, string Unit, IReadOnlyList<int> Columns);

public sealed record MachineInfo(int Cores, string Os, string Runtime, string MachineName)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        Environment.MachineName);
}

public sealed record HostInfo(string Url, bool StartedBySuite, int? Pid, string? Build);

public sealed record Figure(string Name, double Value, string Unit, string? Note);

/// <summary>A limit and what was measured against it; <c>Higher</c> means the value must be at least the limit.</summary>
public sealed record ThresholdCheck(string Name, double Limit, double Actual, string Unit, bool Higher = false)
{
    public bool Passed => Higher ? Actual >= Limit : Actual <= Limit;
}

public sealed record PhaseReport(
    string Name,
    double WarmupSeconds,
    double DurationSeconds,
    IReadOnlyList<StreamReport> Streams,
    IReadOnlyList<string> InvalidReasons)
{
    public const double MinimumAchievedShare = 0.98;

    public bool Valid => InvalidReasons.Count == 0;

    /// <summary>
    /// The phase's streams with their ratios to the baseline stream, and its validity: every stream must achieve 98%
    /// of its offered rate and, when <paramref name="errorsInvalidate"/>, answer without an error or a timeout.
    /// </summary>
    public static PhaseReport From(PhaseResult result, IReadOnlyDictionary<string, string> descriptions, bool errorsInvalidate = true)
    {
        var baseline = result.Streams.FirstOrDefault(s => s.IsBaseline)?.Recorder.Summary();
        var reasons = new List<string>();
        var streams = new List<StreamReport>();
        foreach (var s in result.Streams)
        {
            var latency = s.Recorder.Summary();
            var errors = s.Recorder.Errors;
            var timeouts = s.Recorder.Timeouts;
            if (s.AchievedRate < MinimumAchievedShare * s.OfferedRate)
            {
                reasons.Add($"{s.Name}: achieved {s.AchievedRate:0.#}/s, below 98% of the offered {s.OfferedRate:0.#}/s");
            }

            if (errorsInvalidate && errors + timeouts > 0)
            {
                reasons.Add($"{s.Name}: {errors} errors and {timeouts} timeouts");
            }

            streams.Add(new StreamReport(
                s.Name,
                descriptions.GetValueOrDefault(s.Name, ""),
                s.IsBaseline,
                s.OfferedRate,
                s.AchievedRate,
                s.Sent,
                s.NotSent,
                s.Recorder.Ok,
                errors,
                timeouts,
                s.Recorder.ErrorSamples(),
                latency,
                baseline is null || s.IsBaseline ? null : Ratios.Of(latency, baseline),
                s.Recorder.Series(),
                s.Recorder.Distribution(),
                s.Recorder.Injected));
        }

        return new PhaseReport(result.Plan.Phase, result.Plan.Warmup.TotalSeconds, result.Plan.Duration.TotalSeconds, streams, reasons);
    }
}

public sealed record StreamReport(
    string Name,
    string Description,
    bool IsBaseline,
    double OfferedRate,
    double AchievedRate,
    long Sent,
    long NotSent,
    long Ok,
    long Errors,
    long Timeouts,
    IReadOnlyDictionary<string, int> ErrorSamples,
    LatencySummary Latency,
    Ratios? RatioToBaseline,
    IReadOnlyList<SecondFigures> Series,
    IReadOnlyList<PercentilePoint> Distribution,
    long Injected = 0);

/// <summary>Target latency divided by baseline latency at the same percentile.</summary>
public sealed record Ratios(double P50, double P90, double P99, double P999, double Max)
{
    public static Ratios Of(LatencySummary target, LatencySummary baseline) => new(
        Divide(target.P50, baseline.P50),
        Divide(target.P90, baseline.P90),
        Divide(target.P99, baseline.P99),
        Divide(target.P999, baseline.P999),
        Divide(target.Max, baseline.Max));

    private static double Divide(double a, double b) => b > 0 ? Math.Round(a / b, 2) : 0;
}

/// <summary>
/// One disturbance of a run (a silo killed, a graceful stop, a rolling restart, Redis paused) and what it cost: the
/// requests that failed from its start until the next event (per workload), the window from the first failed request to
/// the last before it recovered (requests timed by when they were sent; failures after the recovery are counted apart),
/// the live calls it ended, how long until requests succeeded again, and how long until the cluster was whole again
/// (the time from its start until requests succeeded again and the cluster had its silos active). Seconds count
/// from the start of the measured window, as the phase's latency-over-time series do.
/// </summary>
public sealed record EventReport(
    string Kind,
    string Description,
    double AtSecond,
    double ActionSeconds,
    bool Applied,
    IReadOnlyList<WorkloadFailures> Workloads,
    double? FirstFailureSecond,
    double? FailureWindowSeconds,
    int LiveCallsBefore,
    int LiveCallsAfter,
    double? RequestsRecoveredSeconds,
    double? RecoverySeconds,
    int ActiveSilosAfter,
    long FailedAfterRecovery,
    string? Problem)
{
    public int LiveCallsEnded => Math.Max(0, LiveCallsBefore - LiveCallsAfter);

    public long Requests => Workloads.Sum(w => w.Requests);

    public long Failed => Workloads.Sum(w => w.Errors + w.Timeouts);
}

/// <summary>The requests of one workload (the queue poll, the churn) sent during an event's span, and those that failed.</summary>
public sealed record WorkloadFailures(string Workload, long Requests, long Errors, long Timeouts);

/// <summary>
/// The host process at one instant of the run (<see cref="HostSampler"/>): seconds since the run started, CPU since the
/// previous sample in percent of one core (none after a failed sample or a new process), working set and managed heap.
/// </summary>
public sealed record HostSample(double Second, double? CpuPercent, double WorkingSetMiB, double ManagedHeapMiB);
