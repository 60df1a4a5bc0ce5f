using System.Diagnostics;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// Produces the live calls a poll scenario measures under: its tenants are created through the control API from
/// generated scenario documents whose traffic generators place all their calls at once (<c>initialCalls</c>), into
/// queues whose auto-answering agents talk for a day and whose callers never give up, so every call stays live
/// through the poll phase. Measures the host's memory before and after (after a full collection) and how fast the
/// calls were set up.
/// </summary>
public static class LiveLoad
{
    public static async Task<LiveLoadResult> SetUpAsync(ScenarioRun run, IReadOnlyList<LoadTenant> tenants, int expectedCalls, TimeSpan limit, CancellationToken ct)
    {
        var before = await run.Sim.ProcessAsync(collect: true, ct);
        var clock = Stopwatch.StartNew();
        var created = 0;
        // A few tenants at a time: creation is the control API's, not what is measured.
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (tenant, token) =>
        {
            await run.Sim.CreateTenantAsync(tenant, token);
            var n = Interlocked.Increment(ref created);
            if (tenants.Count > 1 && (n % 10 == 0 || n == tenants.Count))
            {
                run.Log.WriteLine($"  tenants created: {n}/{tenants.Count}");
            }
        });
        run.Log.WriteLine($"  {tenants.Count} tenant(s) created in {clock.Elapsed.TotalSeconds:0.0} s; waiting for {expectedCalls} live calls");
        var (live, took) = await run.Sim.WaitForLiveCallsAsync(tenants, expectedCalls, limit - clock.Elapsed, run.Log, ct);
        var setup = clock.Elapsed;
        // Let the agents' answers (one simulated second after ringing) land before the memory is read.
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, limit.TotalSeconds / 10)), ct);
        var loaded = await run.Sim.ProcessAsync(collect: true, ct);
        live = await run.Sim.LiveCallsAsync(tenants, ct);
        var r = run.Report;
        r.Figure("live calls at the start of polling", live, "calls", $"{expectedCalls} asked for");
        r.Figure("time to set up the live calls", setup.TotalSeconds, "s", "tenant creation until the calls were live (traffic engine, initial burst)");
        if (live > 0)
        {
            r.Figure("live-call set-up rate", live / Math.Max(0.001, setup.TotalSeconds), "calls/s", "through the traffic engine, including tenant creation");
            r.Figure("working set per live call", (double)loaded.WorkingSetBytes / live / 1024, "KiB", $"working set {Mib(loaded.WorkingSetBytes)} MiB / {live} calls");
            r.Figure("managed heap per live call", (double)loaded.ManagedHeapBytes / live / 1024, "KiB", $"heap {Mib(loaded.ManagedHeapBytes)} MiB / {live} calls, after a full collection");
            r.Figure("working set growth per live call", (double)(loaded.WorkingSetBytes - before.WorkingSetBytes) / live / 1024, "KiB",
                $"{Mib(before.WorkingSetBytes)} → {Mib(loaded.WorkingSetBytes)} MiB (includes the tenants' extensions and queues)");
            r.Figure("managed heap growth per live call", (double)(loaded.ManagedHeapBytes - before.ManagedHeapBytes) / live / 1024, "KiB",
                $"{Mib(before.ManagedHeapBytes)} → {Mib(loaded.ManagedHeapBytes)} MiB (includes the tenants' extensions and queues)");
        }

        if (live < expectedCalls)
        {
            r.InvalidReasons.Add($"only {live} of the {expectedCalls} live calls asked for were set up within {limit.TotalSeconds:0} s");
        }

        return new LiveLoadResult(live, took, before, loaded);
    }

    /// <summary>Adds the host's CPU over a phase: cores busy on average and the share of the machine.</summary>
    public static void CpuFigures(ScenarioRun run, ProcessFigures start, ProcessFigures end, TimeSpan wall)
    {
        var cores = (end.CpuSeconds - start.CpuSeconds) / Math.Max(0.001, wall.TotalSeconds);
        run.Report.Figure("host CPU during polling", cores * 100, "% of one core",
            $"{cores / Math.Max(1, end.Processors) * 100:0.#}% of the host's {end.Processors} cores (the load client shares the machine)");
        run.Report.Figure("host GC collections during polling", end.Gen0Collections - start.Gen0Collections, "gen0",
            $"gen1 {end.Gen1Collections - start.Gen1Collections}, gen2 {end.Gen2Collections - start.Gen2Collections}");

        // Pauses are what the ratio to the baseline cannot excuse: they stop the baseline and the target alike.
        var pause = end.GcPauseSeconds - start.GcPauseSeconds;
        var collections = Math.Max(1, end.Gen0Collections - start.Gen0Collections);
        run.Report.Figure("host GC pause during polling", pause * 1000, "ms",
            $"{pause / Math.Max(0.001, wall.TotalSeconds) * 100:0.##}% of the time, {pause * 1000 / collections:0.#} ms per collection on average; collector: {end.GcMode}");
    }

    /// <summary>The runner's own CPU over a phase: when it nears the machine's cores, the client is the limit, not the host.</summary>
    public static void ClientCpuFigure(ScenarioRun run, TimeSpan cpu, TimeSpan wall) =>
        run.Report.Figure("load client CPU during polling", cpu.TotalSeconds / Math.Max(0.001, wall.TotalSeconds) * 100, "% of one core",
            $"this runner, on the same machine ({Environment.ProcessorCount} cores)");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record LiveLoadResult(int Live, TimeSpan Took, ProcessFigures Before, ProcessFigures Loaded);
