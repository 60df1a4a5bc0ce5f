using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using PbxGrains.Load.Cli;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Scenarios;

/// <summary>
/// Call churn: each operation is one whole call through the vendor APIs — Issabel pbxapi <c>manager/originate</c>
/// (the source phone rings), the control API answers the phone (the call then dials an outside number that answers
/// at once), the control API hangs it up — at rising constant rates (a step ramp), until a step is not sustained
/// (achieved rate below 98% of offered, too many errors, or p99 above <c>--setup-p99-ms</c>). The answer is the highest
/// sustained call set-ups per second. Latency is the whole call's, from its due time; the three requests are also
/// shown on their own, each from its own start.
/// </summary>
public sealed class ChurnScenario : ILoadScenario
{
    internal const string Destination = "5550100";
    private Settings _s = null!;

    public string Name => "churn";

    public string Summary => "Call churn: originate → answer → hang up at rising rates; the highest sustained set-ups per second";

    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    public void ReadOptions(LoadOptions o)
    {
        _s = new Settings(
            o.Whole("phones", 2000, 1, 10_000, "manual phones that place the calls (one call each at a time)"),
            o.Number("start-rate", 10, 0.1, 100_000, "call set-ups per second of the first step"),
            o.Number("step-factor", 1.5, 1.01, 10, "each step's rate is the previous one's times this"),
            o.Number("max-rate", 5000, 0.1, 100_000, "no step above this rate"),
            o.Whole("max-steps", 20, 1, 100, "at most this many steps"),
            o.Seconds("warmup", 3, 0, 3600, "seconds of each step before recording starts"),
            o.Seconds("duration", 15, 0.5, 3600, "seconds recorded per step"),
            o.Seconds("timeout", 10, 0.1, 600, "seconds after its due time before a call counts as a timeout"),
            o.Number("baseline-share", 0.2, 0.01, 10, "baseline requests per call, interleaved in the same schedule"),
            o.Number("setup-p99-ms", 1000, 0.001, 1e6, "a step is sustained only while the whole call's p99 is at most this"),
            o.Number("max-error-share", 0.01, 0, 1, "a step is sustained only while errors and timeouts are at most this share of calls"),
            o.Number("min-setups", 1, 0, 1e6, "threshold: the highest sustained set-ups per second must reach this"),
            o.Text("tenant-prefix", "load-churn", "the tenant's id"));
    }

    public async Task RunAsync(ScenarioRun run, CancellationToken ct)
    {
        var tenant = LoadTenant.Build(_s.Tenant, new TenantShape(0, 0, 0, 0, null, "{constant: 1}", _s.Phones));
        await run.Sim.CreateTenantAsync(tenant, ct);
        var token = await LoginAsync(run.Http, tenant.Id, ct);
        var free = new ConcurrentQueue<string>(tenant.ManualPhones);
        run.Report.Notes.Add($"Each call: POST /t/{tenant.Id}/pbxapi/manager/originate (channel=SIP/{{phone}}, extension={Destination}, an outside " +
            $"number that answers at once), POST /sim/tenants/{tenant.Id}/extensions/{{phone}}/answer, POST …/hangup; {_s.Phones} manual phones, " +
            "each placing one call at a time (a call due while no phone is free is an error).");

        var baseline = PollTargets.Baseline(128);
        var context = new PollContext([tenant]);
        var best = 0.0;
        var rate = _s.StartRate;
        for (var step = 1; step <= _s.MaxSteps && rate <= _s.MaxRate; step++, rate *= _s.StepFactor)
        {
            ct.ThrowIfCancellationRequested();
            var name = $"step {step}: {rate.ToString("0.#", CultureInfo.InvariantCulture)} calls/s";
            run.Log.WriteLine($"  {name}");
            var steps = new[] { new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder() };
            var warmupCalls = (long)Math.Ceiling(rate * _s.Warmup.TotalSeconds);
            var stepRate = rate;
            var streams = new List<LoadStream>
            {
                new("call", rate, (i, t) => CallAsync(run.Http, tenant.Id, token, free, i >= warmupCalls ? (int)((i - warmupCalls) / stepRate) : -1, steps, t)),
                new(baseline.Name, rate * _s.BaselineShare, (i, t) => run.Http.PollAsync(baseline.Path(context, i), baseline.Check, t), IsBaseline: true),
            };
            var before = await run.Sim.ProcessAsync(collect: false, ct);
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var result = await OpenLoopRunner.RunAsync(new RunPlan(name, _s.Warmup, _s.Duration, _s.Timeout), streams, run.Log, ct);
            wall.Stop();
            var after = await run.Sim.ProcessAsync(collect: false, ct);
            var phase = PhaseReport.From(result, new Dictionary<string, string>
            {
                ["call"] = "originate → answer → hangup, from the call's due time",
                [baseline.Name] = baseline.Description,
            }, errorsInvalidate: false);
            var parts = new[] { "originate", "answer", "hangup" };
            var extra = steps.Select((recorder, k) => new StreamReport(
                $"  {parts[k]}", $"the {parts[k]} request alone, from its own start", false, rate, recorder.Summary().Count / _s.Duration.TotalSeconds,
                recorder.Summary().Count, 0, recorder.Ok, recorder.Errors, recorder.Timeouts, recorder.ErrorSamples(), recorder.Summary(),
                phase.Streams.FirstOrDefault(x => x.IsBaseline) is { } b ? Ratios.Of(recorder.Summary(), b.Latency) : null,
                recorder.Series(), recorder.Distribution()));
            phase = phase with { Streams = phase.Streams.Take(1).Concat(extra).Concat(phase.Streams.Skip(1)).ToList() };

            var call = phase.Streams[0];
            var failures = call.Errors + call.Timeouts;
            var reasons = new List<string>(phase.InvalidReasons);
            if (failures > _s.MaxErrorShare * Math.Max(1, call.Sent))
            {
                reasons.Add($"call: {failures} of {call.Sent} calls failed (more than {_s.MaxErrorShare:P1})");
            }

            if (call.Latency.P99 > _s.SetupP99)
            {
                reasons.Add($"call: p99 {call.Latency.P99:0.#} ms above {_s.SetupP99:0.#} ms");
            }

            phase = phase with { InvalidReasons = reasons };
            run.Report.Phases.Add(phase);
            var cores = (after.CpuSeconds - before.CpuSeconds) / Math.Max(0.001, wall.Elapsed.TotalSeconds);
            run.Report.Figure($"host CPU, {name}", cores * 100, "% of one core", phase.Valid ? "sustained" : "not sustained");
            run.Report.Figure($"load client CPU, {name}", (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds / wall.Elapsed.TotalSeconds * 100,
                "% of one core", "this runner, on the same machine");
            if (!phase.Valid)
            {
                run.Log.WriteLine($"  not sustained: {string.Join("; ", reasons)}");
                break;
            }

            best = Math.Max(best, call.AchievedRate);
        }

        run.Report.Figure("highest sustained call set-ups", best, "calls/s",
            $"steps from {_s.StartRate}/s ×{_s.StepFactor}; sustained = ≥98% achieved, ≤{_s.MaxErrorShare:P1} failed, p99 ≤ {_s.SetupP99} ms");
        if (run.Thresholds)
        {
            run.Report.Thresholds.Add(new ThresholdCheck("highest sustained call set-ups", _s.MinSetups, best, "calls/s", Higher: true));
        }
    }

    internal static async Task<Outcome> CallAsync(LoadHttp http, string tenant, string token, ConcurrentQueue<string> free, int second, LatencyRecorder[] steps, CancellationToken ct)
    {
        if (!free.TryDequeue(out var phone))
        {
            return Outcome.Failed("no free phone");
        }

        var placed = false;
        var ended = false;
        try
        {
            using var originate = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant}/pbxapi/manager/originate")
            {
                Content = new FormUrlEncodedContent([new("channel", $"SIP/{phone}"), new("extension", Destination)]),
            };
            originate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var outcome = await StepAsync(http, originate, steps[0], second, ct);
            if (outcome.Kind != OutcomeKind.Ok)
            {
                return outcome;
            }

            placed = true;
            using var answer = new HttpRequestMessage(HttpMethod.Post, $"/sim/tenants/{tenant}/extensions/{phone}/answer");
            outcome = await StepAsync(http, answer, steps[1], second, ct);
            if (outcome.Kind != OutcomeKind.Ok)
            {
                return outcome;
            }

            using var hangup = new HttpRequestMessage(HttpMethod.Post, $"/sim/tenants/{tenant}/extensions/{phone}/hangup");
            outcome = await StepAsync(http, hangup, steps[2], second, ct);
            ended = outcome.Kind == OutcomeKind.Ok;
            return outcome;
        }
        finally
        {
            if (placed && !ended)
            {
                // Unmeasured and not awaited (the call's latency ends with its failure): hang the half-done call up, then
                // free its phone, so that the phone is not rung again while it is still in the call.
                _ = CleanUpAsync(http, tenant, phone, free);
            }
            else
            {
                free.Enqueue(phone);
            }
        }
    }

    private static async Task CleanUpAsync(LoadHttp http, string tenant, string phone, ConcurrentQueue<string> free)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var cleanup = await http.Client.PostAsync($"/sim/tenants/{tenant}/extensions/{phone}/hangup", null, limit.Token);
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
        {
            // The host is failing or overloaded; the step reports it.
        }
        finally
        {
            free.Enqueue(phone);
        }
    }

    private static async Task<Outcome> StepAsync(LoadHttp http, HttpRequestMessage request, LatencyRecorder recorder, int second, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.Client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var outcome = Outcome.Of(response, response.IsSuccessStatusCode
            ? Outcome.Ok
            : Outcome.Failed($"{request.RequestUri!.OriginalString.Split('/').Last()}: HTTP {(int)response.StatusCode} {Short(body)}"));
        if (second >= 0)
        {
            recorder.Record(second, (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds, outcome);
        }

        return outcome;
    }

    private static string Short(string body)
    {
        // The domain error's name when the answer is a problem, else the first characters.
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON.
        }

        return body.Length > 60 ? body[..60] : body;
    }

    internal static async Task<string> LoginAsync(LoadHttp http, string tenant, CancellationToken ct)
    {
        using var response = await http.Client.PostAsync($"/t/{tenant}/pbxapi/authenticate",
            new FormUrlEncodedContent([new("user", LoadTenant.ApiUser), new("password", LoadTenant.ApiPassword)]), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"pbxapi login: {(int)response.StatusCode} {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    private sealed record Settings(
        int Phones, double StartRate, double StepFactor, double MaxRate, int MaxSteps, TimeSpan Warmup, TimeSpan Duration, TimeSpan Timeout,
        double BaselineShare, double SetupP99, double MaxErrorShare, double MinSetups, string Tenant);
}
