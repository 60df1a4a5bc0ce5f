using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PbxGrains.Load.Cli;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// <c>ami</c>: many manager (AMI) sessions follow one tenant with thousands of live calls while probe calls are placed
/// at a constant rate (open loop). A probe is an inbound call from a caller number of its own to an always-busy phone
/// (set up and ended at once: Newchannel, DialBegin, DialEnd, Hangup, Cdr); its latency runs from its due time until
/// the last of the sessions has read its <c>Newchannel</c>, so it is the event delivery latency to the slowest consumer,
/// control API included. Meanwhile the tenant's queues are polled (IPPS queueactive) with a baseline interleaved, and
/// the poll must stay in its budget. Thresholds: the poll's p99 at most <c>--p99-ms</c>, the probes' at most
/// <c>--event-p99-ms</c>, and no session dropped.
/// </summary>
public sealed class AmiStreamScenario : ILoadScenario
{
    private Settings _settings = null!;

    public string Name => "ami";

    public string Summary => "AMI event stream: many manager sessions follow a tenant with thousands of live calls; event delivery latency and the queue poll meanwhile";

    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    public void ReadOptions(LoadOptions o)
    {
        _settings = new Settings(
            o.Whole("calls", 5000, 0, 1_000_000, "live calls the tenant holds while it is followed (traffic engine, initial burst)"),
            o.Whole("queues", 50, 1, 10_000, "queues of the tenant"),
            o.Whole("agents", 10, 0, 1000, "auto-answering agents per queue (they talk for a day)"),
            o.Whole("consumers", 100, 1, 10_000, "manager sessions following the tenant"),
            o.Number("rate", 50, 0.1, 100_000, "probe calls per second (each makes about ten events)"),
            o.Number("poll-rate", 200, 0.1, 1_000_000, "IPPS queueactive polls per second meanwhile"),
            o.Number("event-p99-ms", 250, 0.001, 1e6, "threshold: the probes' p99 latency (due time to the last session's Newchannel) in ms"),
            o.Seconds("setup-timeout", 600, 1, 24 * 3600, "seconds allowed to set up the live calls"),
            o.Text("tenant-prefix", "load-ami", "the tenant's id"),
            o.Has("ami-port") ? o.Whole("ami-port", 5038, 1, 65535, "the host's manager (AMI) port (default: the started host's, or 5038 with --url)") : null,
            PollTiming.Read(o));
    }

    public async Task RunAsync(ScenarioRun run, CancellationToken ct)
    {
        var s = _settings;
        var tenant = LoadTenant.Build(s.TenantId, new TenantShape(s.Queues, s.Agents, s.Calls, 0, null, "{constant: 86400}", 0, BusyPhones: 1));
        run.Report.Notes.Add($"One tenant with {s.Calls} live calls in {s.Queues} queue(s) of {s.Agents} auto-answering agent(s) that talk for a day, " +
            $"followed by {s.Consumers} manager session(s) (user {LoadTenant.AmiUser}@{tenant.Id}, every event class). Probe calls: POST " +
            $"/sim/tenants/{{id}}/inbound from a caller number of their own to the busy phone {LoadTenant.FirstBusy}; a probe is done when every " +
            "session has read its Newchannel.");
        await LiveLoad.SetUpAsync(run, [tenant], s.Calls, s.SetupTimeout, ct);

        var probe = new AmiProbe(s.Consumers);
        var port = s.AmiPort ?? run.Host.AmiPort;
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        if (!run.Host.StartedBySuite && Dns.GetHostAddresses(run.Host.BaseAddress.Host).FirstOrDefault() is { } address)
        {
            endpoint = new IPEndPoint(address, port);
        }

        var consumers = new List<AmiConsumer>();
        try
        {
            var connecting = Stopwatch.StartNew();
            for (var i = 0; i < s.Consumers; i++)
            {
                consumers.Add(await AmiConsumer.ConnectAsync(endpoint, $"{LoadTenant.AmiUser}@{tenant.Id}", LoadTenant.ApiPassword, probe, ct));
            }

            run.Log.WriteLine($"  {s.Consumers} AMI session(s) logged in in {connecting.Elapsed.TotalSeconds:0.0} s");
            await MeasureAsync(run, tenant, probe, consumers, ct);
        }
        finally
        {
            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync();
            }
        }
    }

    private async Task MeasureAsync(ScenarioRun run, LoadTenant tenant, AmiProbe probe, List<AmiConsumer> consumers, CancellationToken ct)
    {
        var s = _settings;
        var context = new PollContext([tenant]);
        var poll = PollTargets.All.Single(t => t.Name == "ipps-queueactive");
        var bytes = await run.Sim.ProbeSizeAsync(Enumerable.Range(0, 5).Select(i => poll.Path(context, i)), ct);
        var baseline = PollTargets.Baseline(Math.Clamp(bytes, 1, 1 << 20));
        var destination = LoadTenant.FirstBusy.ToString(CultureInfo.InvariantCulture);
        var streams = new List<LoadStream>
        {
            new("ami-event", s.Rate, (i, token) => ProbeAsync(run, tenant.Id, destination, probe, i, token)),
            new(poll.Name, s.PollRate, (i, token) => run.Http.PollAsync(poll.Path(context, i), poll.Check, token)),
            new(baseline.Name, s.PollRate * s.Timing.BaselineShare, (i, token) => run.Http.PollAsync(baseline.Path(context, i), baseline.Check, token), IsBaseline: true),
        };
        var descriptions = new Dictionary<string, string>
        {
            ["ami-event"] = $"an inbound call placed through the control API until all {s.Consumers} AMI sessions have read its Newchannel",
            [poll.Name] = poll.Description,
            [baseline.Name] = baseline.Description,
        };

        run.Log.WriteLine($"  streams: {string.Join(", ", streams.Select(x => $"{x.Name} {x.Rate:0.#}/s"))}");
        var eventsBefore = consumers.Sum(c => c.Events);
        var startFigures = await run.Sim.ProcessAsync(collect: false, ct);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await OpenLoopRunner.RunAsync(new RunPlan("ami", s.Timing.Warmup, s.Timing.Duration, s.Timing.Timeout), streams, run.Log, ct);
        wall.Stop();
        var endFigures = await run.Sim.ProcessAsync(collect: false, ct);
        LiveLoad.CpuFigures(run, startFigures, endFigures, wall.Elapsed);
        LiveLoad.ClientCpuFigure(run, Process.GetCurrentProcess().TotalProcessorTime - clientCpu, wall.Elapsed);

        var events = consumers.Sum(c => c.Events) - eventsBefore;
        var dropped = consumers.Count(c => c.Closed);
        run.Report.Figure("AMI sessions", s.Consumers, "sessions", "each following every event of the tenant");
        run.Report.Figure("AMI events delivered", events / Math.Max(0.001, wall.Elapsed.TotalSeconds), "events/s", $"{events} events read by all sessions together over {wall.Elapsed.TotalSeconds:0.0} s");
        run.Report.Figure("AMI sessions dropped", dropped, "sessions", "disconnected by the host for falling behind (must be 0: the consumers read as fast as they can)");
        var phase = PhaseReport.From(result, descriptions);
        run.Report.Phases.Add(phase);
        run.Report.InvalidReasons.AddRange(phase.InvalidReasons);
        run.Report.Figure("live calls at the end", await run.Sim.LiveCallsAsync(tenant.Id, ct), "calls");
        if (run.Thresholds)
        {
            foreach (var stream in phase.Streams.Where(x => !x.IsBaseline))
            {
                var limit = stream.Name == "ami-event" ? s.EventP99 : s.Timing.P99Limit;
                run.Report.Thresholds.Add(new ThresholdCheck($"{stream.Name} p99", limit, stream.Latency.P99, "ms"));
            }

            run.Report.Thresholds.Add(new ThresholdCheck("AMI sessions dropped", 0, dropped, "sessions"));
        }
    }

    private static async Task<Outcome> ProbeAsync(ScenarioRun run, string tenant, string destination, AmiProbe probe, long i, CancellationToken ct)
    {
        var seen = probe.Expect(i);
        try
        {
            using var response = await run.Http.Client.PostAsJsonAsync($"/sim/tenants/{tenant}/inbound", new { callerId = AmiProbe.CallerOf(i), destination }, ct);
            if (!response.IsSuccessStatusCode)
            {
                return Outcome.Failed($"inbound: HTTP {(int)response.StatusCode}");
            }

            await seen.WaitAsync(ct);
            return Outcome.Ok;
        }
        finally
        {
            probe.Forget(i);
        }
    }

    private sealed record Settings(
        int Calls, int Queues, int Agents, int Consumers, double Rate, double PollRate, double EventP99, TimeSpan SetupTimeout, string TenantId, int? AmiPort, PollTiming Timing);
}
