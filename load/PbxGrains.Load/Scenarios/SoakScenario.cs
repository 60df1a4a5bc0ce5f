using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PbxGrains.Load.Cli;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// Soak: the churn scenario's whole call (Issabel originate → answer → hang-up) at one fixed rate for a long time, with
/// figures per interval (a minute by default): host CPU per call, whole-call p50/p99, managed heap and working set,
/// CDRs stored. It shows whether a call costs more as the history grows. Thresholds: CPU per call and p99 of the last
/// interval within <c>--growth-limit</c> (1.2×) of the second's (the first is warm-up of the JIT and the caches), and
/// the managed heap's growth from the second interval to the last bounded by what the CDR store may keep.
/// </summary>
public sealed class SoakScenario : ILoadScenario
{
    private const string Columns = "interval";
    private Settings _s = null!;

    public string Name => "soak";

    public string Summary => "Soak: whole calls at a fixed rate for a long time; cost per call and memory per minute";

    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        // The CDR store's bound on a tenant's day: a soak keeps the newest this many, like a day's retention.
        ["Pbx:Cdrs:MaxRecordsPerTenantDay"] = _s.RetainCdrs.ToString(CultureInfo.InvariantCulture),
    };

    public bool InAll => false;

    public void ReadOptions(LoadOptions o)
    {
        var minutes = o.Number("minutes", 30, 0.01, 24 * 60, "minutes recorded at the fixed rate");
        var seconds = o.Number("duration", 0, 0, 24 * 3600, "seconds recorded instead of --minutes when above 0 (CI smoke runs)");
        _s = new Settings(
            o.Number("rate", 200, 0.1, 100_000, "whole calls per second, constant"),
            TimeSpan.FromSeconds(seconds > 0 ? seconds : minutes * 60),
            o.Seconds("interval", 60, 0.5, 3600, "seconds per row of the table (a minute)"),
            o.Seconds("warmup", 10, 0, 3600, "seconds at the rate before recording starts"),
            o.Seconds("ramp", 0, 0, 3600, "seconds over which the rate rises from 0 at the start of the warm-up (at most the warm-up)"),
            o.Whole("phones", 2000, 1, 10_000, "manual phones that place the calls (one call each at a time)"),
            o.Seconds("timeout", 10, 0.1, 600, "seconds after its due time before a call counts as a timeout"),
            o.Number("baseline-share", 0.2, 0.01, 10, "baseline requests per call, interleaved in the same schedule"),
            o.Number("growth-limit", 1.2, 1, 100, "threshold: last interval's CPU per call and p99 at most this times the second's"),
            o.Whole("retain-cdrs", 100_000, 1, 100_000_000, "the started host's Cdrs:MaxRecordsPerTenantDay (a --url host keeps its own)"),
            o.Number("heap-per-cdr-kib", 4, 0, 1024, "threshold: managed heap growth allowed per CDR the store added to what it keeps"),
            o.Number("heap-slack-mib", 64, 0, 1 << 20, "threshold: managed heap growth allowed beyond the CDRs kept (caches, pools)"),
            o.Flag("no-collect", "read the heap without a forced full collection at each interval's end (less exact, no pause)"),
            o.Text("tenant-prefix", "load-soak", "the tenant's id"));

        // The ramp is warm-up: what is recorded runs at the full rate.
        _s = _s with { Ramp = _s.Ramp > _s.Warmup ? _s.Warmup : _s.Ramp };
    }

    public async Task RunAsync(ScenarioRun run, CancellationToken ct)
    {
        var tenant = LoadTenant.Build(_s.Tenant, new TenantShape(0, 0, 0, 0, null, "{constant: 1}", _s.Phones));
        await run.Sim.CreateTenantAsync(tenant, ct);
        var token = await ChurnScenario.LoginAsync(run.Http, tenant.Id, ct);
        var free = new ConcurrentQueue<string>(tenant.ManualPhones);
        var unmeasured = new[] { new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder() };
        run.Report.Notes.Add($"Each call as in churn: POST /t/{tenant.Id}/pbxapi/manager/originate (channel=SIP/{{phone}}, extension={ChurnScenario.Destination}), " +
            $"POST /sim/tenants/{tenant.Id}/extensions/{{phone}}/answer, POST …/hangup, at a constant {_s.Rate:0.#} calls/s for {_s.Duration.TotalSeconds:0.#} s " +
            $"after {_s.Warmup.TotalSeconds:0.#} s of warm-up.");
        run.Report.Notes.Add("CPU per call is the host's CPU time over an interval divided by the calls completed in it: on a machine shared with other " +
            "work it is the robust figure (latency also counts the waits for the cores others use).");
        run.Report.Notes.Add(_s.NoCollect
            ? "Managed heap: GC.GetTotalMemory without a collection (it includes garbage not yet collected)."
            : "Managed heap: after a forced full blocking collection at each interval's end (its pause falls in every interval alike).");

        var baseline = PollTargets.Baseline(128);
        var context = new PollContext([tenant]);
        var streams = new List<LoadStream>
        {
            new("call", _s.Rate, (i, t) => ChurnScenario.CallAsync(run.Http, tenant.Id, token, free, -1, unmeasured, t), Ramp: _s.Ramp),
            new(baseline.Name, _s.Rate * _s.BaselineShare, (i, t) => run.Http.PollAsync(baseline.Path(context, i), baseline.Check, t), IsBaseline: true, Ramp: _s.Ramp),
        };

        var plan = new RunPlan($"soak at {_s.Rate.ToString("0.#", CultureInfo.InvariantCulture)} calls/s", _s.Warmup, _s.Duration, _s.Timeout);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = SampleAsync(run, tenant.Id, sampling.Token);
        var result = await OpenLoopRunner.RunAsync(plan, streams, run.Log, ct);

        // The last sample falls at the window's end, while the runner drains: it is waited for, within bounds.
        sampling.CancelAfter(TimeSpan.FromSeconds(60));
        var samples = await sampler;

        var phase = PhaseReport.From(result, new Dictionary<string, string>
        {
            ["call"] = "originate → answer → hangup, from the call's due time",
            [baseline.Name] = baseline.Description,
        }, errorsInvalidate: false);
        var call = phase.Streams[0];
        var failures = call.Errors + call.Timeouts;
        var reasons = new List<string>(phase.InvalidReasons);
        if (failures > 0.01 * Math.Max(1, call.Sent))
        {
            reasons.Add($"call: {failures} of {call.Sent} calls failed (more than 1%)");
        }

        run.Report.Phases.Add(phase with { InvalidReasons = reasons });
        Report(run, result.Streams[0].Recorder, samples);
    }

    /// <summary>
    /// Takes the host's figures at the start of the measured window and at the end of every interval after it. The
    /// runner's clock starts when it is called, so the sampler, started just before, is within a millisecond of it.
    /// </summary>
    private async Task<List<Sample>> SampleAsync(ScenarioRun run, string tenant, CancellationToken ct)
    {
        var samples = new List<Sample>();
        var start = DateTime.UtcNow + _s.Warmup;
        var intervals = (int)Math.Ceiling(_s.Duration.TotalSeconds / _s.Interval.TotalSeconds - 1e-9);
        try
        {
            for (var k = 0; k <= intervals; k++)
            {
                var due = start + TimeSpan.FromSeconds(Math.Min(k * _s.Interval.TotalSeconds, _s.Duration.TotalSeconds));
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                var process = await run.Sim.ProcessAsync(collect: !_s.NoCollect, ct);
                var cdrs = await CdrsStoredAsync(run.Http, tenant, ct);
                samples.Add(new Sample((DateTime.UtcNow - start).TotalSeconds, process, cdrs));
                run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [soak] interval {k}: heap {process.ManagedHeapBytes / 1048576.0:0.#} MiB, working set {process.WorkingSetBytes / 1048576.0:0.#} MiB, CDRs stored {cdrs}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended (or was cancelled) before the last sample: the table has the intervals sampled.
        }
        catch (HttpRequestException error)
        {
            run.Report.Notes.Add($"sampling stopped: {error.Message}");
        }

        return samples;
    }

    private void Report(ScenarioRun run, LatencyRecorder calls, List<Sample> samples)
    {
        var rows = new List<IReadOnlyList<double>>();
        var perInterval = new List<(double CpuMsPerCall, double P99, double HeapMiB, long Cdrs)>();
        for (var k = 1; k < samples.Count; k++)
        {
            var (from, to) = (samples[k - 1], samples[k]);
            var window = calls.Window((int)Math.Round((k - 1) * _s.Interval.TotalSeconds), (int)Math.Round(Math.Min(k * _s.Interval.TotalSeconds, _s.Duration.TotalSeconds)));
            // An interval without a completed call has no cost per call: NaN, which no threshold passes (0 would).
            var cpuMsPerCall = window.Ok == 0 ? double.NaN : (to.Process.CpuSeconds - from.Process.CpuSeconds) * 1000 / window.Ok;
            var cores = (to.Process.CpuSeconds - from.Process.CpuSeconds) / Math.Max(0.001, to.At - from.At);
            var heap = to.Process.ManagedHeapBytes / 1048576.0;
            rows.Add([k, window.Ok, window.Failures, cpuMsPerCall, cores * 100, window.Latency.P50, window.Latency.P99, heap,
                to.Process.WorkingSetBytes / 1048576.0, to.Cdrs]);
            perInterval.Add((cpuMsPerCall, window.Latency.P99, heap, to.Cdrs));
        }

        run.Report.Tables.Add(new ReportTable(
            $"Per {(_s.Interval.TotalSeconds == 60 ? "minute" : $"{_s.Interval.TotalSeconds:0.#} s interval")}",
            [Columns, "calls", "failed", "host CPU ms/call", "host CPU %", "p50 ms", "p99 ms", "managed heap MiB", "working set MiB", "CDRs stored"],
            rows,
            [
                new TablePlot("Whole-call latency per interval", "ms", [5, 6]),
                new TablePlot("Host CPU per call", "ms", [3]),
                new TablePlot("Host CPU", "% of one core", [4]),
                new TablePlot("Memory", "MiB", [7, 8]),
            ]));
        if (samples.Count > 0 && samples[^1].Cdrs < 0)
        {
            run.Report.Notes.Add("CDRs stored: the host has no GET /sim/tenants/{id}/cdrs/count (a build before the append-only CDR store): -1.");
        }

        if (perInterval.Count == 0)
        {
            run.Report.InvalidReasons.Add("no whole interval was measured");
            return;
        }

        // The second interval is the reference (the first is still warming the JIT and the caches), unless there is one only.
        var reference = perInterval[Math.Min(1, perInterval.Count - 1)];
        var last = perInterval[^1];
        run.Report.Figure("host CPU per call, last interval / second", Ratio(last.CpuMsPerCall, reference.CpuMsPerCall), "×",
            $"{last.CpuMsPerCall:0.###} ms vs {reference.CpuMsPerCall:0.###} ms");
        run.Report.Figure("whole-call p99, last interval / second", Ratio(last.P99, reference.P99), "×", $"{last.P99:0.###} ms vs {reference.P99:0.###} ms");
        var kept = Math.Max(0, (last.Cdrs < 0 ? 0 : last.Cdrs) - Math.Max(0, reference.Cdrs));
        var heapLimit = kept * _s.HeapPerCdrKiB / 1024 + _s.HeapSlackMiB;
        run.Report.Figure("managed heap growth, second interval to last", last.HeapMiB - reference.HeapMiB, "MiB",
            $"limit {heapLimit:0.#} MiB: {kept} more CDRs kept × {_s.HeapPerCdrKiB} KiB + {_s.HeapSlackMiB} MiB");
        run.Report.Figure("CDRs stored at the end", last.Cdrs, "CDRs", $"the store keeps at most {_s.RetainCdrs} per tenant-day (started host)");
        if (run.Thresholds)
        {
            run.Report.Thresholds.Add(new ThresholdCheck("host CPU per call, last interval / second", _s.GrowthLimit, Ratio(last.CpuMsPerCall, reference.CpuMsPerCall), "×"));
            run.Report.Thresholds.Add(new ThresholdCheck("whole-call p99, last interval / second", _s.GrowthLimit, Ratio(last.P99, reference.P99), "×"));
            run.Report.Thresholds.Add(new ThresholdCheck("managed heap growth, second interval to last", heapLimit, last.HeapMiB - reference.HeapMiB, "MiB"));
        }
    }

    /// <summary>a / b, or NaN when b is no figure to compare with (no calls, or no latency, in the reference interval).</summary>
    internal static double Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 3) : double.NaN;

    /// <summary>The CDRs the store keeps for the tenant's day, or -1 when the host cannot tell (an older build).</summary>
    private static async Task<long> CdrsStoredAsync(LoadHttp http, string tenant, CancellationToken ct)
    {
        using var response = await http.Client.GetAsync($"/sim/tenants/{tenant}/cdrs/count", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed || !response.IsSuccessStatusCode)
        {
            return -1;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.TryGetProperty("stored", out var stored) && stored.TryGetInt64(out var n) ? n : -1;
    }

    private sealed record Sample(double At, ProcessFigures Process, long Cdrs);

    private sealed record Settings(
        double Rate, TimeSpan Duration, TimeSpan Interval, TimeSpan Warmup, TimeSpan Ramp, int Phones, TimeSpan Timeout, double BaselineShare, double GrowthLimit,
        int RetainCdrs, double HeapPerCdrKiB, double HeapSlackMiB, bool NoCollect, string Tenant);
}
