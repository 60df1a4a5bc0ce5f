using System.Diagnostics;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;
using PbxGrains.Load.Scenarios;

namespace PbxGrains.Load.Cli;

/// <summary>
/// The runner: <c>PbxGrains.Load &lt;scenario&gt; [options]</c>. Reads the options, starts the host (or attaches to
/// <c>--url</c>), runs the scenario, writes its reports and answers the exit code: 0 when every threshold passed on a
/// valid run, 1 when a threshold failed or the run was invalid, 2 when it could not run (bad options, no host).
/// </summary>
public static class LoadCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int CouldNotRun = 2;

    public static IReadOnlyList<ILoadScenario> Scenarios() =>
        [PollScenario.QueuePoll(), PollScenario.ChannelPoll(), new ChurnScenario(), PollScenario.MultiTenant(), new SoakScenario(), new AmiStreamScenario(),
         new ChaosScenario()];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter log, CancellationToken ct)
    {
        var options = LoadOptions.Parse(args);
        var known = Scenarios();
        if (options.Scenario is "help" or "--help" or "-h" || options.Has("help"))
        {
            PrintHelp(log, known, options.Scenario);
            return options.Scenario == "help" && args.Count == 0 ? CouldNotRun : Passed;
        }

        var chosen = options.Scenario == "all" ? known.Where(s => s.InAll).ToList() : known.Where(s => s.Name == options.Scenario).ToList();
        if (chosen.Count == 0)
        {
            log.WriteLine($"unknown scenario '{options.Scenario}'");
            PrintHelp(log, known, null);
            return CouldNotRun;
        }

        // Each scenario reads its own copy of the options, so that its report shows the values it ran with.
        var runs = chosen.Select(scenario => (Scenario: scenario, Options: LoadOptions.Parse([scenario.Name, .. args.Skip(1)]))).ToList();
        var defaultOut = Path.Combine("load", "reports", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var common = runs.Select(r => ReadCommon(r.Options, defaultOut)).ToList();
        foreach (var (scenario, scenarioOptions) in runs)
        {
            scenario.ReadOptions(scenarioOptions);
        }

        var problems = new List<string>();
        foreach (var (_, scenarioOptions) in runs)
        {
            scenarioOptions.RefuseUnread(runs.Select(r => r.Options), options.Scenario);
            problems.AddRange(scenarioOptions.Problems.Where(p => !problems.Contains(p)));
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                log.WriteLine(problem);
            }

            log.WriteLine($"see: PbxGrains.Load {options.Scenario} --help");
            return CouldNotRun;
        }

        var exit = Passed;
        for (var i = 0; i < runs.Count; i++)
        {
            var c = common[i];
            var code = await RunOneAsync(runs[i].Scenario, runs[i].Options, c.Url is null ? null : new Uri(c.Url), c.AllowRemote, c.HostDll, c.Output, c.Thresholds, log, ct);
            exit = Math.Max(exit, code);
        }

        return exit;
    }

    private static CommonOptions ReadCommon(LoadOptions options, string defaultOut) => new(
        options.OptionalText("url", "load a host already running at this URL instead of starting one"),
        options.Flag("allow-remote", "allow a --url that is not a loopback address (that host must run with --Load:AllowRemote=true)"),
        options.Text("host-dll", HostUnderTest.DefaultHostDll(), "the host to start (the built PbxGrains.Host.dll)"),
        options.Text("out", defaultOut, "folder for the reports ({scenario}.md, .html, .json); default load/reports/{UTC time}"),
        !options.Flag("no-thresholds", "measure and report only: no threshold can fail the run (CI smoke runs)"));

    private sealed record CommonOptions(string? Url, bool AllowRemote, string HostDll, string Output, bool Thresholds);

    private static async Task<int> RunOneAsync(ILoadScenario scenario, LoadOptions options, Uri? url, bool allowRemote, string hostDll, string output,
        bool thresholds, TextWriter log, CancellationToken ct)
    {
        log.WriteLine($"== {scenario.Name}: {scenario.Summary}");
        HostUnderTest host;
        try
        {
            host = url is null
                ? await scenario.StartHostAsync(hostDll, log, ct)
                : await HostUnderTest.AttachAsync(url, allowRemote, ct);
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException or FileNotFoundException or ArgumentException or HttpRequestException)
        {
            log.WriteLine($"cannot run {scenario.Name}: {error.Message}");
            return CouldNotRun;
        }

        await using (host)
        {
            using var http = new LoadHttp(host.BaseAddress);
            var report = new RunReport
            {
                Scenario = scenario.Name,
                Title = $"PbxGrains load suite: {scenario.Summary}",
                Machine = MachineInfo.Current(),
                Host = new HostInfo(host.BaseAddress.ToString(), host.StartedBySuite, host.Pid, url is null ? hostDll : null),
                Parameters = options.Used,
            };
            var clock = Stopwatch.StartNew();
            var run = new ScenarioRun(host, http, new SimControl(http), log, report, thresholds);
            await using var sampler = HostSampler.Start(run.Sim, TimeSpan.FromSeconds(1), ct);
            try
            {
                await scenario.RunAsync(run, ct);
            }
            catch (Exception error) when (error is InvalidOperationException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                report.InvalidReasons.Add($"the run stopped: {error.Message}");
                log.WriteLine($"  the run stopped: {error.Message}");
                if (host.StartedBySuite)
                {
                    log.WriteLine(host.Output);
                }
            }

            report.HostSamples.AddRange(await sampler.StopAsync());
            report.Seconds = clock.Elapsed.TotalSeconds;
            var files = await ReportWriter.WriteAsync(report, output, ct);
            if (host.StartedBySuite && host.Output is { Length: > 0 } processes)
            {
                // What the processes the suite started logged (the last 64 KB of each): where a failure's cause is read.
                var path = Path.Combine(output, $"{scenario.Name}-processes.log");
                await File.WriteAllTextAsync(path, processes, ct);
                files = [.. files, path];
            }

            log.WriteLine($"== {scenario.Name}: {MarkdownReport.Verdict(report)}");
            foreach (var t in report.Thresholds)
            {
                log.WriteLine($"   {(t.Passed ? "pass" : "FAIL")} {t.Name}: {t.Actual:0.###} {t.Unit} (limit {(t.Higher ? "≥" : "≤")} {t.Limit:0.###})");
            }

            foreach (var reason in report.InvalidReasons)
            {
                log.WriteLine($"   INVALID: {reason}");
            }

            foreach (var phase in report.Phases)
            {
                foreach (var s in phase.Streams)
                {
                    log.WriteLine($"   {phase.Name} {s.Name}: {s.AchievedRate:0.#}/s of {s.OfferedRate:0.#}/s, p50 {s.Latency.P50:0.###} p99 {s.Latency.P99:0.###} " +
                                  $"p99.9 {s.Latency.P999:0.###} max {s.Latency.Max:0.###} ms, errors {s.Errors}, timeouts {s.Timeouts}" +
                                  (s.RatioToBaseline is { } x ? $", ×baseline p50 {x.P50} p99 {x.P99}" : ""));
                }
            }

            foreach (var f in report.Figures)
            {
                log.WriteLine($"   {f.Name}: {f.Value:0.###} {f.Unit}");
            }

            log.WriteLine($"   reports: {string.Join(", ", files)}");
            return report.Passed ? Passed : Failed;
        }
    }

    private static void PrintHelp(TextWriter log, IReadOnlyList<ILoadScenario> scenarios, string? scenario)
    {
        log.WriteLine("usage: dotnet run -c Release --project load/PbxGrains.Load -- <scenario> [--option value ...]");
        log.WriteLine("scenarios:");
        foreach (var s in scenarios)
        {
            log.WriteLine($"  {s.Name,-14} {s.Summary}");
        }

        log.WriteLine($"  {"all",-14} every scenario but the soak and chaos in turn, each on a freshly started host");
        foreach (var s in scenarios.Where(s => s.Name == scenario))
        {
            var probe = LoadOptions.Parse([s.Name]);
            ReadCommon(probe, Path.Combine("load", "reports", "{UTC time}"));
            s.ReadOptions(probe);
            log.WriteLine($"options of {s.Name} (defaults are the full suite's):");
            foreach (var (name, help) in probe.Help)
            {
                var value = probe.Used.TryGetValue(name, out var v) ? $" (default {v})" : "";
                log.WriteLine($"  --{name,-16} {help}{value}");
            }
        }
    }
}
