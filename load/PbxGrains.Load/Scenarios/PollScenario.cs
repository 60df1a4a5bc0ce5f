using System.Diagnostics;
using System.Globalization;
using PbxGrains.Load.Cli;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// Polls named targets at a constant rate (open loop) with a baseline interleaved, while the tenants hold live calls:
/// <c>queue-poll</c> (one tenant, 10,000 calls in 100 queues, queueactive at 2,000/s), <c>channel-poll</c> (the same
/// load, channel polls) and <c>multi-tenant</c> (100 tenants with their own traffic, polled round robin).
/// Threshold: every target's p99 at most <c>--p99-ms</c>.
/// </summary>
public sealed class PollScenario : ILoadScenario
{
    private readonly Defaults _defaults;
    private Settings _settings = null!;

    private PollScenario(Defaults defaults) => _defaults = defaults;

    public string Name => _defaults.Name;

    public string Summary => _defaults.Summary;

    public IReadOnlyDictionary<string, string> HostSettings =>
        new Dictionary<string, string> { ["Pbx:Clock:Speed"] = _settings.ClockSpeed.ToString(CultureInfo.InvariantCulture) };

    public static PollScenario QueuePoll() => new(new Defaults(
        "queue-poll", "Queue polls (Taridium IPPS queueactive.php) under thousands of live calls",
        Tenants: 1, Calls: 10_000, Queues: 100, Agents: 10, CallsPerHour: 0, Patience: null, AgentTalk: "{constant: 86400}",
        Targets: "ipps-queueactive", Rate: 2000, StaticCalls: true));

    public static PollScenario ChannelPoll() => new(new Defaults(
        "channel-poll", "Channel polls (every vendor's channel listing) under thousands of live calls",
        Tenants: 1, Calls: 10_000, Queues: 100, Agents: 10, CallsPerHour: 0, Patience: null, AgentTalk: "{constant: 86400}",
        Targets: string.Join(',', PollTargets.All.Where(t => t.Name != "ipps-queueactive").Select(t => t.Name)), Rate: 1000, StaticCalls: true));

    public static PollScenario MultiTenant() => new(new Defaults(
        "multi-tenant", "Many tenants, each with its own traffic and pollers",
        Tenants: 100, Calls: 2000, Queues: 2, Agents: 2, CallsPerHour: 120, Patience: "{exponential: 120}", AgentTalk: "{exponential: 60}",
        Targets: "ipps-queueactive,ipps-channelinfo", Rate: 1000, StaticCalls: false));

    public void ReadOptions(LoadOptions o)
    {
        var d = _defaults;
        var problems = new List<string>();
        _settings = new Settings(
            o.Whole("tenants", d.Tenants, 1, 10_000, "tenants, each with the queues, agents and calls below"),
            o.Whole("calls", d.Calls, 0, 1_000_000, "live calls to set up (all tenants together), placed at once by the traffic engine"),
            o.Whole("queues", d.Queues, 1, 10_000, "queues per tenant, each with its own traffic generator"),
            o.Whole("agents", d.Agents, 0, 1000, "auto-answering agents per queue (they talk for --agent-talk)"),
            o.Number("calls-per-hour", d.CallsPerHour, 0, 1_000_000, "Poisson arrivals per hour per queue after the initial burst"),
            o.OptionalText("patience", "callers' patience, a scenario distribution such as {exponential: 120} (default: they wait)") ?? d.Patience,
            o.Text("agent-talk", d.AgentTalk, "agents' talk time, a scenario distribution"),
            PollTargets.Named(o.Text("targets", d.Targets, $"poll targets by name: {string.Join(", ", PollTargets.All.Select(t => t.Name))}"), problems),
            o.Number("rate", d.Rate, 0.1, 1_000_000, "polls per second per target (all tenants together)"),
            o.Number("clock-speed", 1, 0.001, 10_000, "the started host's Pbx:Clock:Speed (simulated seconds per real second)"),
            o.Seconds("setup-timeout", 600, 1, 24 * 3600, "seconds allowed to set up the live calls"),
            o.Text("tenant-prefix", $"load-{Name}", "tenant ids are this, or this-001… for several tenants"),
            PollTiming.Read(o));
        problems.ForEach(o.Problem);
        if (_settings.Targets.Count == 0 && problems.Count == 0)
        {
            o.Problem("--targets: names no target");
        }
    }

    public async Task RunAsync(ScenarioRun run, CancellationToken ct)
    {
        var s = _settings;
        var tenants = Enumerable.Range(1, s.Tenants).Select(t => LoadTenant.Build(
            s.Tenants == 1 ? s.TenantPrefix : $"{s.TenantPrefix}-{t:000}",
            new TenantShape(s.Queues, s.Agents, s.Calls / s.Tenants + (t <= s.Calls % s.Tenants ? 1 : 0), s.CallsPerHour, s.Patience, s.AgentTalk, 0))).ToList();
        run.Report.Notes.Add($"Live calls come from the traffic engine: {s.Tenants} tenant(s) created through PUT /sim/tenants/{{id}} from generated " +
            $"scenario documents, each with {s.Queues} queue(s) of {s.Agents} auto-answering agent(s) (talk time {s.AgentTalk}) and one inbound " +
            $"generator per queue that places its share of the {s.Calls} calls at once (initialCalls), then {s.CallsPerHour}/h; " +
            (s.Patience is null ? "callers never abandon, so every call stays live through polling." : $"callers' patience {s.Patience}."));

        // Calls that churn (patience, talk times) cannot all be live at once: wait for most of them.
        var expected = _defaults.StaticCalls ? s.Calls : (int)(s.Calls * 0.8);
        await LiveLoad.SetUpAsync(run, tenants, expected, s.SetupTimeout, ct);

        var context = new PollContext(tenants);
        var sizes = new List<int>();
        foreach (var target in s.Targets)
        {
            sizes.Add(await run.Sim.ProbeSizeAsync(Enumerable.Range(0, 5).Select(i => target.Path(context, i)), ct));
        }

        var baselineBytes = Math.Clamp((int)sizes.Average(), 1, 1 << 20);
        run.Report.Figure("answer size of the targets (probe)", baselineBytes, "bytes", string.Join(", ", s.Targets.Select((t, i) => $"{t.Name} {sizes[i]} B")) + "; the baseline answers this size");
        var baseline = PollTargets.Baseline(baselineBytes);
        var streams = s.Targets.Select(t => new LoadStream(t.Name, s.Rate, (i, token) => run.Http.PollAsync(t.Path(context, i), t.Check, token))).ToList();
        streams.Add(new LoadStream(baseline.Name, s.Rate * s.Targets.Count * s.Timing.BaselineShare,
            (i, token) => run.Http.PollAsync(baseline.Path(context, i), baseline.Check, token), IsBaseline: true));
        var descriptions = s.Targets.Append(baseline).ToDictionary(t => t.Name, t => t.Description);

        run.Log.WriteLine($"  polling: {string.Join(", ", streams.Select(x => $"{x.Name} {x.Rate:0.#}/s"))}");
        var startFigures = await run.Sim.ProcessAsync(collect: false, ct);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await OpenLoopRunner.RunAsync(new RunPlan("poll", s.Timing.Warmup, s.Timing.Duration, s.Timing.Timeout), streams, run.Log, ct);
        wall.Stop();
        var endFigures = await run.Sim.ProcessAsync(collect: false, ct);
        LiveLoad.CpuFigures(run, startFigures, endFigures, wall.Elapsed);
        LiveLoad.ClientCpuFigure(run, Process.GetCurrentProcess().TotalProcessorTime - clientCpu, wall.Elapsed);

        var phase = PhaseReport.From(result, descriptions);
        run.Report.Phases.Add(phase);
        run.Report.InvalidReasons.AddRange(phase.InvalidReasons);
        var liveAfter = await run.Sim.LiveCallsAsync(tenants, ct);
        run.Report.Figure("live calls at the end of polling", liveAfter, "calls");
        if (_defaults.StaticCalls && liveAfter < expected)
        {
            run.Report.InvalidReasons.Add($"the live calls did not stay live: {liveAfter} of {expected} at the end");
        }

        if (run.Thresholds)
        {
            foreach (var stream in phase.Streams.Where(x => !x.IsBaseline))
            {
                run.Report.Thresholds.Add(new ThresholdCheck($"{stream.Name} p99", s.Timing.P99Limit, stream.Latency.P99, "ms"));
            }
        }
    }

    private sealed record Defaults(
        string Name, string Summary, int Tenants, int Calls, int Queues, int Agents, double CallsPerHour, string? Patience, string AgentTalk,
        string Targets, double Rate, bool StaticCalls);

    private sealed record Settings(
        int Tenants, int Calls, int Queues, int Agents, double CallsPerHour, string? Patience, string AgentTalk,
        IReadOnlyList<PollTarget> Targets, double Rate, double ClockSpeed, TimeSpan SetupTimeout, string TenantPrefix, PollTiming Timing);
}
