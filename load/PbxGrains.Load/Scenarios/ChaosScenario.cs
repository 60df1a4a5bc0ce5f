using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using PbxGrains.Load.Cli;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// Chaos (issue 20): the scenario starts a cluster of its own on this machine (Redis, N silo-only processes, one
/// API-only process), runs the queue poll and the churn against the API process at once, and meanwhile disturbs the
/// cluster, one event after another with quiet gaps: <c>kill -9</c> of a silo, a graceful stop, a rolling restart of
/// every silo, Redis paused. A silo taken away is replaced, so the cluster has N silos again. Per event the report
/// gives the failed requests per workload, the failure window, the poll tenant's live calls it ended and the time to
/// full recovery, each against a threshold of that kind of event.
/// </summary>
public sealed class ChaosScenario : ILoadScenario
{
    private const int PollWorkload = 0;
    private const int ChurnWorkload = 1;
    private const string PollTenant = "load-chaos-poll";
    private const string ChurnTenant = "load-chaos-churn";
    private static readonly string[] Workloads = ["queue poll", "churn"];
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);


    private Settings _s = null!;
    private ChaosCluster? _cluster;

    public string Name => "chaos";

    public string Summary => "Chaos: a local cluster under the queue poll and the churn while silos are killed, stopped, restarted in turn and Redis is paused";

    public IReadOnlyDictionary<string, string> HostSettings => _s.HostSettings;

    /// <summary>Minutes long and it needs redis-server: run on its own.</summary>
    public bool InAll => false;

    public void ReadOptions(LoadOptions o)
    {
        var problems = new List<string>();
        if (o.Has("url"))
        {
            problems.Add("--url: the chaos scenario starts its own cluster (Redis, silos, an API process) and cannot disturb a host given by URL");
        }

        var fast = o.Flag("fast-detection", "shortened membership timings on every process (a silo missing two 1 s probes is dead), as the distributed tests use");
        var given = ChaosEvents.ParseSettings(o.Text("host-settings", "",
            "host settings for every process, Key=Value;Key=Value (e.g. Orleans:Directory:RangeLeaseDuration=00:00:02); default: the host's own"), problems);
        var settings = new Dictionary<string, string>(fast ? LocalCluster.FastFailureDetection : new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in given)
        {
            settings[key] = value;
        }

        _s = new Settings(
            o.Whole("silos", 3, 2, 9, "silo-only processes (beside one API-only process)"),
            ChaosEvents.Parse(o.Text("events", "kill,graceful,rolling,redis-pause", $"events in order, of: {string.Join(", ", ChaosEvents.All.Select(ChaosEvents.Name))}"), problems),
            o.Whole("calls", 2000, 1, 1_000_000, "live calls of the polled tenant, placed at once; they never end by themselves"),
            o.Whole("queues", 20, 1, 10_000, "queues of the polled tenant"),
            o.Whole("agents", 10, 0, 1000, "auto-answering agents per queue (they talk for a day)"),
            o.Number("poll-rate", 500, 0.1, 100_000, "IPPS queueactive polls per second"),
            o.Number("churn-rate", 20, 0.1, 10_000, "whole calls per second (Issabel originate → answer → hang up)"),
            o.Whole("phones", 400, 1, 10_000, "manual phones of the churn tenant (one call each at a time)"),
            o.Number("baseline-share", 0.1, 0.01, 10, "baseline requests per poll and call, interleaved in the same schedule"),
            o.Seconds("warmup", 5, 0, 3600, "seconds of load before recording starts (not recorded)"),
            o.Seconds("gap", 20, 1, 3600, "quiet seconds before the first event and after each event has recovered (each of them a recovered second)"),
            o.Seconds("timeout", 5, 0.1, 600, "seconds after its due time before a request counts as a timeout"),
            o.Seconds("redis-pause", 15, 0.1, 3600, "seconds Redis stays frozen (SIGSTOP) in a redis-pause event"),
            o.Number("recovered-max-pct", 10, 0, 100, "a second counts as recovered when no workload failed more than this % of its requests sent in it (0: none)"),
            o.Seconds("recovery-limit", 180, 1, 3600, "seconds an event may take to recover; past them it counts as not recovered and the next one starts"),
            o.Seconds("top-up", 10, 0.5, 600, "seconds over which the polled tenant's missing live calls are placed again before each event"),
            o.Seconds("setup-timeout", 300, 1, 24 * 3600, "seconds allowed to set up the live calls"),
            ChaosEvents.ReadLimits(o),
            settings);
        problems.ForEach(o.Problem);
    }

    public async Task<HostUnderTest> StartHostAsync(string hostDll, TextWriter log, CancellationToken ct)
    {
        var cluster = await ChaosCluster.StartAsync(hostDll, _s.Silos, _s.HostSettings, log, ct);
        _cluster = cluster;
        return HostUnderTest.OfCluster(cluster.Api, cluster, () => cluster.Output);
    }

    public async Task RunAsync(ScenarioRun run, CancellationToken ct)
    {
        var cluster = _cluster ?? throw new InvalidOperationException("the chaos scenario runs only on the cluster it starts itself");
        var s = _s;
        var report = run.Report;
        var poll = LoadTenant.Build(PollTenant, new TenantShape(s.Queues, s.Agents, s.Calls, 0, null, "{constant: 86400}", 0));
        var churn = LoadTenant.Build(ChurnTenant, new TenantShape(0, 0, 0, 0, null, "{constant: 1}", s.Phones));
        await run.Sim.CreateTenantAsync(poll, ct);
        await run.Sim.CreateTenantAsync(churn, ct);
        var (live, took) = await run.Sim.WaitForLiveCallsAsync([poll], s.Calls, s.SetupTimeout, run.Log, ct);
        report.Figure("live calls at the start", live, "calls", $"{s.Calls} asked for; set up in {took.TotalSeconds:0.0} s");
        if (live < s.Calls)
        {
            report.InvalidReasons.Add($"only {live} of the {s.Calls} live calls asked for were set up within {s.SetupTimeout.TotalSeconds:0} s");
            return;
        }

        var token = await ChurnScenario.LoginAsync(run.Http, churn.Id, ct);
        var free = new ConcurrentQueue<string>(churn.ManualPhones);
        LatencyRecorder[] unrecorded = [new(), new(), new()];
        var target = PollTargets.All.Single(t => t.Name == "ipps-queueactive");
        var context = new PollContext([poll]);
        var baseline = PollTargets.Baseline(await run.Sim.ProbeSizeAsync(Enumerable.Range(0, 5).Select(i => target.Path(context, i)), ct));
        var outcomes = new OutcomeLog();
        var streams = new List<LoadStream>
        {
            new(target.Name, s.PollRate, outcomes.Logging(PollWorkload, (i, t) => run.Http.PollAsync(target.Path(context, i), target.Check, t))),
            new("call", s.ChurnRate, outcomes.Logging(ChurnWorkload, (_, t) => ChurnScenario.CallAsync(run.Http, churn.Id, token, free, -1, unrecorded, t))),
            new(baseline.Name, (s.PollRate + s.ChurnRate) * s.BaselineShare, (i, t) => run.Http.PollAsync(baseline.Path(context, i), baseline.Check, t), IsBaseline: true),
        };
        Describe(report, s);

        // The runner's window ends when the events are over (finish), not after a fixed time.
        using var finish = new CancellationTokenSource();
        var measuredFrom = Stopwatch.GetTimestamp() + (long)(s.Warmup.TotalSeconds * Stopwatch.Frequency);
        var running = OpenLoopRunner.RunAsync(new RunPlan("chaos", s.Warmup, TimeSpan.FromDays(1), s.Timeout), streams, run.Log, ct, finish.Token);
        List<AppliedEvent> applied;
        try
        {
            await Task.Delay(s.Warmup + s.Gap, ct);
            applied = await ApplyEventsAsync(run, cluster, outcomes, ct);
        }
        finally
        {
            await finish.CancelAsync();
        }

        var result = await running;
        var phase = PhaseReport.From(result, new Dictionary<string, string>
        {
            [target.Name] = target.Description,
            ["call"] = "a whole call: originate → answer → hang up, from its due time",
            [baseline.Name] = baseline.Description,
        }, errorsInvalidate: false);
        report.Phases.Add(phase);
        report.InvalidReasons.AddRange(phase.InvalidReasons);
        Summarize(run, applied, outcomes, measuredFrom);
        report.Figure("live calls at the end", await LiveCallsAsync(run, ct), "calls", "the polled tenant's live-call listing");
    }

    /// <summary>Each event in turn: the disturbance, then waiting until the cluster is whole and requests succeed for a quiet gap.</summary>
    private async Task<List<AppliedEvent>> ApplyEventsAsync(ScenarioRun run, ChaosCluster cluster, OutcomeLog outcomes, CancellationToken ct)
    {
        var s = _s;
        var applied = new List<AppliedEvent>();
        foreach (var kind in s.Events)
        {
            var before = await TopUpAsync(run, ct);
            var start = Stopwatch.GetTimestamp();
            run.Log.WriteLine($"  event {applied.Count + 1}: {ChaosEvents.Name(kind)} ({before} live calls)");
            string description;
            string? problem = null;
            try
            {
                description = kind switch
                {
                    ChaosEventKind.Kill => $"kill -9 of {await cluster.KillAsync(ct)}, replaced",
                    ChaosEventKind.Graceful => $"SIGTERM of {await cluster.StopGracefullyAsync(ct)}, replaced",
                    ChaosEventKind.Rolling => $"rolling restart of {await cluster.RollingRestartAsync(run.Log, ct)}",
                    _ => await PauseRedisAsync(cluster, s.RedisPause, ct),
                };
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                description = ChaosEvents.Name(kind);
                problem = $"not applied: {error.Message}";
                run.Log.WriteLine($"  {problem}");
            }

            var acted = Stopwatch.GetTimestamp();
            var (recovered, active) = await WaitForRecoveryAsync(cluster, outcomes, start, acted, ct);
            var after = await LiveCallsAsync(run, ct);
            run.Log.WriteLine($"  event {applied.Count + 1}: {description}; live calls {before} → {after}; " +
                              (recovered is { } r ? $"recovered after {Seconds(r - start):0.0} s" : "not recovered"));
            applied.Add(new AppliedEvent(kind, description, problem, start, acted, recovered, active, before, after));
        }

        return applied;
    }

    /// <summary>
    /// Brings the polled tenant back to its live calls before an event, so that each event is measured against as many
    /// calls as the first (a crash, and a graceful stop before live-call migration, end calls): its queues' generators
    /// place the calls missing within about ten seconds, then stop placing. Answers the live calls then.
    /// </summary>
    private async Task<int> TopUpAsync(ScenarioRun run, CancellationToken ct)
    {
        var live = await LiveCallsAsync(run, ct);
        var missing = _s.Calls - live;
        if (missing <= 0)
        {
            return live;
        }

        var perHour = Math.Ceiling((double)missing / _s.Queues / _s.TopUp.TotalSeconds * 3600);
        await SetArrivalsAsync(run, perHour, ct);
        var deadline = Stopwatch.GetTimestamp() + (long)(_s.SetupTimeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (live < _s.Calls && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(250, ct);
                live = await LiveCallsAsync(run, ct);
            }
        }
        finally
        {
            await SetArrivalsAsync(run, 0, ct);
        }

        // Calls placed while the rate was being set back arrive a moment later: count them too.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        live = await LiveCallsAsync(run, ct);
        run.Log.WriteLine($"  topped up: {live} live calls ({missing} were missing)");
        return live;
    }

    /// <summary>Every queue's inbound generator of the polled tenant at <paramref name="perHour"/> arrivals per hour.</summary>
    private async Task SetArrivalsAsync(ScenarioRun run, double perHour, CancellationToken ct)
    {
        for (var q = 1; q <= _s.Queues; q++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"in-q{q:000}");
            using var rate = await run.Http.Client.PutAsync($"/sim/tenants/{PollTenant}/traffic/{name}/rate",
                JsonContent.Create(new { callsPerHour = perHour }), ct);
            if (!rate.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PUT traffic/{name}/rate: {(int)rate.StatusCode} {await rate.Content.ReadAsStringAsync(ct)}");
            }

            if (perHour > 0)
            {
                // A generator lost with a silo comes back stopped: start it (one that runs answers that it does).
                using var start = await run.Http.Client.PostAsync($"/sim/tenants/{PollTenant}/traffic/{name}/start", null, ct);
            }
        }
    }

    private static async Task<string> PauseRedisAsync(ChaosCluster cluster, TimeSpan pause, CancellationToken ct)
    {
        await cluster.PauseRedisAsync(pause, ct);
        return string.Create(CultureInfo.InvariantCulture, $"Redis paused (SIGSTOP) for {pause.TotalSeconds:0.#} s");
    }

    /// <summary>
    /// Waits until the cluster lists exactly its running silos as active and, from a moment on, requests have succeeded
    /// for the quiet gap (<see cref="Recovery"/>: seconds in which no workload failed more than --recovered-max-pct of its
    /// requests); seconds are judged once their requests' timeout has passed. Recovered: the start of that run of good
    /// seconds, at the earliest when the cluster was whole. Null when the recovery limit passed first.
    /// </summary>
    private async Task<(long? Recovered, int Active)> WaitForRecoveryAsync(ChaosCluster cluster, OutcomeLog outcomes, long start, long acted, CancellationToken ct)
    {
        var deadline = start + (long)(_s.RecoveryLimit.TotalSeconds * Stopwatch.Frequency);
        var answered = (long)((_s.Timeout.TotalSeconds + 0.5) * Stopwatch.Frequency);
        long? whole = null;
        var active = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var view = await cluster.ActiveSilosAsync(ct);
            var now = Stopwatch.GetTimestamp();
            if (view is { } v)
            {
                active = v.Active;
                whole = v.Whole ? whole ?? Math.Max(now, acted) : null;
            }

            if (whole is { } w && Recovery.RecoveredAt(outcomes.Sent(w, now), w, now - answered, Workloads.Length, _s.RecoveredMaxPercent / 100, _s.Gap) is { } recovered)
            {
                return (recovered, active);
            }

            await Task.Delay(500, ct);
        }

        return (null, active);
    }

    /// <summary>Cuts the log into the events' spans (each from its start to the next one's) and adds the rows and thresholds.</summary>
    private void Summarize(ScenarioRun run, List<AppliedEvent> applied, OutcomeLog outcomes, long measuredFrom)
    {
        var report = run.Report;
        for (var i = 0; i < applied.Count; i++)
        {
            var e = applied[i];
            var end = i + 1 < applied.Count ? applied[i + 1].Start : Stopwatch.GetTimestamp();
            var sent = outcomes.Sent(e.Start, end);
            // The requests alone, by the same rule, without waiting for the cluster to be whole (a replacement's start).
            var requestsBack = Recovery.RecoveredAt(sent, e.Start, end, Workloads.Length, _s.RecoveredMaxPercent / 100, _s.Gap);
            var workloads = Workloads.Select((name, w) => new WorkloadFailures(
                name,
                sent.Count(x => x.Workload == w),
                sent.Count(x => x.Workload == w && x.Kind == OutcomeKind.Error),
                sent.Count(x => x.Workload == w && x.Kind == OutcomeKind.Timeout))).ToList();
            // The window runs to the recovery; failures after it (a trickle that outlasts the event) are counted apart.
            var failed = sent.Where(x => x.Kind is (OutcomeKind.Error or OutcomeKind.Timeout) && x.Sent <= (e.Recovered ?? long.MaxValue)).Select(x => x.Sent).ToList();
            var failedAfter = sent.Count(x => x.Kind is (OutcomeKind.Error or OutcomeKind.Timeout) && x.Sent > (e.Recovered ?? long.MaxValue));
            var row = new EventReport(
                ChaosEvents.Name(e.Kind),
                e.Description,
                Seconds(e.Start - measuredFrom),
                Seconds(e.Acted - e.Start),
                e.Problem is null,
                workloads,
                failed.Count == 0 ? null : Seconds(failed.Min() - measuredFrom),
                failed.Count == 0 ? null : Seconds(failed.Max() - failed.Min()),
                e.LiveBefore,
                e.LiveAfter,
                requestsBack is { } back ? Seconds(back - e.Start) : null,
                e.Recovered is { } r ? Seconds(r - e.Start) : null,
                e.ActiveAfter,
                failedAfter,
                e.Problem);
            report.Events.Add(row);
            if (e.Problem is not null)
            {
                report.InvalidReasons.Add($"event {i + 1} ({row.Kind}) {e.Problem}");
            }

            if (run.Thresholds)
            {
                var limits = _s.Limits[e.Kind];
                var name = $"event {i + 1} ({row.Kind})";
                report.Thresholds.Add(new ThresholdCheck($"{name}: failed requests", limits.MaxFailedPercent, Percent(row.Failed, row.Requests), "% of sent"));
                report.Thresholds.Add(new ThresholdCheck($"{name}: failure window", limits.MaxWindowSeconds, row.FailureWindowSeconds ?? 0, "s"));
                report.Thresholds.Add(new ThresholdCheck($"{name}: live calls ended", limits.MaxEndedPercent, Percent(row.LiveCallsEnded, row.LiveCallsBefore), "% of live"));
                report.Thresholds.Add(new ThresholdCheck($"{name}: time to full recovery", limits.MaxRecoverySeconds, row.RecoverySeconds ?? double.PositiveInfinity, "s"));
            }
        }

        report.Figure("events applied", report.Events.Count(e => e.Applied), "events", $"of {applied.Count}");
    }

    private static void Describe(RunReport report, Settings s)
    {
        report.Notes.Add($"A cluster on this machine, loopback only: one redis-server, {s.Silos} silo-only processes and one API-only process of the " +
            "built host; every request goes to the API process. " +
            (s.HostSettings.Count == 0 ? "The host's own settings (membership, directory)." : $"Settings on every process: {string.Join("; ", s.HostSettings.Select(kv => $"{kv.Key}={kv.Value}"))}."));
        report.Notes.Add($"Workloads at once: the queue poll (IPPS queueactive at {s.PollRate:0.#}/s over {s.Queues} queues of tenant {PollTenant}, which holds " +
            $"{s.Calls} live calls: callers who never give up, agents who talk for a day) and the churn (whole calls at {s.ChurnRate:0.#}/s on tenant " +
            $"{ChurnTenant}: Issabel originate → /sim answer → /sim hang-up), with a baseline that touches no grain.");
        report.Notes.Add("Events, oldest silo first: kill = kill -9, then a replacement started and ready; graceful = SIGTERM, once it exited a replacement; " +
            "rolling = every silo in turn: SIGTERM, its replacement started at once, the next when that is ready and the old one exited; " +
            $"redis-pause = SIGSTOP of redis-server for {s.RedisPause.TotalSeconds:0.#} s, then SIGCONT.");
        report.Notes.Add("Per event: requests are counted by when they were sent, from the event's start to the next event's (the last: to the end of the run); " +
            "failed = errors + timeouts; the failure window runs from the first failed request's sending to the last one's before recovery (failures after it are counted apart). Live calls ended: the polled tenant's " +
            "live-call listing (GET /sim/tenants/{id}, liveCalls: the length of its call list) read just before the event and again after recovery; its calls " +
            "never end by themselves, so the difference is what the event ended. Before each event the tenant is brought back to its live calls (its " +
            "queues' generators place the missing ones within about " + s.TopUp.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s, then stop), so each event meets as many calls as the first. Recovery: from the event's start until the API process's view of the " +
            "membership (GET /load/cluster) lists exactly the running silos, all " + s.Silos.ToString(CultureInfo.InvariantCulture) +
            " of them, and requests succeed again: the start of the first run of " + s.Gap.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) +
            " seconds in which no workload failed more than " + s.RecoveredMaxPercent.ToString("0.#", CultureInfo.InvariantCulture) +
            "% of the requests it sent in a second (1 s resolution); the next event follows that quiet gap. Requests back: the same rule " +
            "without the silos (when requests succeeded again, before a replacement silo was up).");
    }

    private async Task<int> LiveCallsAsync(ScenarioRun run, CancellationToken ct)
    {
        // Read outside any measurement; a read that fails while the cluster is disturbed is tried again for a while.
        var deadline = Stopwatch.GetTimestamp() + (long)(_s.RecoveryLimit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(ReadLimit);
            try
            {
                return await run.Sim.LiveCallsAsync(PollTenant, limit.Token);
            }
            catch (Exception error) when (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested
                                          && error is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private sealed record AppliedEvent(
        ChaosEventKind Kind, string Description, string? Problem, long Start, long Acted, long? Recovered, int ActiveAfter, int LiveBefore, int LiveAfter);

    private sealed record Settings(
        int Silos, IReadOnlyList<ChaosEventKind> Events, int Calls, int Queues, int Agents, double PollRate, double ChurnRate, int Phones,
        double BaselineShare, TimeSpan Warmup, TimeSpan Gap, TimeSpan Timeout, TimeSpan RedisPause, double RecoveredMaxPercent, TimeSpan RecoveryLimit, TimeSpan TopUp, TimeSpan SetupTimeout,
        IReadOnlyDictionary<ChaosEventKind, EventLimits> Limits, IReadOnlyDictionary<string, string> HostSettings);
}
