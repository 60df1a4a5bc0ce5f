using System.Text.Json;
using PbxGrains.Load.Cli;

namespace PbxGrains.Tests.Load;

/// <summary>
/// Every scenario run for a few seconds with tiny numbers against one host: the reports are produced and well formed.
/// No threshold on time (the CI machine is shared): <c>--no-thresholds</c>, and only the reports' shape is checked.
/// </summary>
[Collection(LoadHostCollection.Name)]
public sealed class ScenarioSmokeTests(LoadHostFixture fixture)
{
    private static readonly string[] Quick = ["--warmup", "0.5", "--duration", "1.5", "--no-thresholds"];

    [Fact]
    public async Task A_queue_poll_run_measures_polls_and_baseline_under_live_calls_and_writes_its_reports()
    {
        var report = await RunAsync("queue-poll", "--calls", "60", "--queues", "3", "--agents", "2", "--rate", "40");

        var phase = Assert.Single(report.GetProperty("phases").EnumerateArray());
        var streams = phase.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["ipps-queueactive", "baseline"], streams.Select(s => s.GetProperty("name").GetString()));
        Assert.All(streams, s => Assert.True(s.GetProperty("ok").GetInt64() > 0, s.ToString()));
        Assert.True(streams[0].GetProperty("ratioToBaseline").GetProperty("p99").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, streams[1].GetProperty("ratioToBaseline").ValueKind);
        var figures = Figures(report);
        Assert.Equal(60, figures["live calls at the start of polling"]);
        Assert.True(figures["managed heap per live call"] > 0);
        Assert.True(figures.ContainsKey("host CPU during polling"));
    }

    [Fact]
    public async Task A_channel_poll_run_polls_every_channel_target()
    {
        var report = await RunAsync("channel-poll", "--calls", "40", "--queues", "2", "--agents", "2", "--rate", "30");

        var phase = report.GetProperty("phases")[0].GetProperty("streams").EnumerateArray().ToList();
        var streams = phase.Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ipps-channelinfo", "voipsun-listcalls", "escaux-ccgetchannels", "baseline"], streams);
        // Each vendor's listing answered its own success (VoIPSUN's errors come with HTTP 200).
        Assert.All(phase, s => Assert.Equal(0, s.GetProperty("errors").GetInt64()));
    }

    [Fact]
    public async Task A_churn_run_places_calls_through_the_vendor_API_at_rising_rates()
    {
        var report = await RunAsync("churn", "--phones", "50", "--start-rate", "4", "--step-factor", "2", "--max-steps", "2", "--setup-p99-ms", "100000");

        var phases = report.GetProperty("phases").EnumerateArray().ToList();
        Assert.InRange(phases.Count, 1, 2);
        var call = phases[0].GetProperty("streams")[0];
        Assert.Equal("call", call.GetProperty("name").GetString());
        Assert.True(call.GetProperty("ok").GetInt64() > 0, call.ToString());
        var steps = phases[0].GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()!.Trim()).ToList();
        Assert.Equal(["call", "originate", "answer", "hangup", "baseline"], steps);
        Assert.True(Figures(report).ContainsKey("highest sustained call set-ups"));
    }

    [Fact]
    public async Task A_soak_run_reports_each_interval_and_checks_growth_against_the_second()
    {
        var report = await RunAsync("soak", "--phones", "20", "--rate", "8", "--interval", "0.5");

        var call = report.GetProperty("phases")[0].GetProperty("streams")[0];
        Assert.Equal("call", call.GetProperty("name").GetString());
        Assert.True(call.GetProperty("ok").GetInt64() > 0, call.ToString());
        var table = Assert.Single(report.GetProperty("tables").EnumerateArray());
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("host CPU ms/call", columns);
        Assert.Contains("CDRs stored", columns);
        Assert.Equal(["Whole-call latency per interval", "Host CPU per call", "Host CPU", "Memory"],
            table.GetProperty("plots").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        Assert.InRange(rows.Count, 1, 3);
        var stored = rows.Select(r => r[columns.IndexOf("CDRs stored")].GetDouble()).ToList();
        Assert.True(stored[^1] > 0 && stored.SequenceEqual(stored.Order()), $"the store's count grows with the calls: {string.Join(", ", stored)}");
        var figures = Figures(report);
        Assert.True(figures.ContainsKey("host CPU per call, last interval / second"));
        Assert.True(figures.ContainsKey("managed heap growth, second interval to last"));
    }

    [Fact]
    public async Task A_multi_tenant_run_polls_every_tenant()
    {
        var report = await RunAsync("multi-tenant", "--tenants", "4", "--calls", "16", "--rate", "20");

        var streams = report.GetProperty("phases")[0].GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ipps-queueactive", "ipps-channelinfo", "baseline"], streams);
        Assert.True(Figures(report)["live calls at the start of polling"] > 0);
    }

    [Fact]
    public async Task An_ami_run_follows_the_tenant_with_manager_sessions_while_the_queue_is_polled()
    {
        var port = fixture.Host.AmiPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var report = await RunAsync("ami", "--calls", "40", "--queues", "2", "--agents", "2", "--consumers", "3", "--rate", "5", "--poll-rate", "20", "--ami-port", port);

        var streams = report.GetProperty("phases")[0].GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["ami-event", "ipps-queueactive", "baseline"], streams.Select(s => s.GetProperty("name").GetString()));
        Assert.True(streams[0].GetProperty("ok").GetInt64() > 0, streams[0].ToString());
        Assert.Equal(0, streams[0].GetProperty("errors").GetInt64());
        var figures = Figures(report);
        Assert.Equal(3, figures["AMI sessions"]);
        Assert.True(figures["AMI events delivered"] > 0);
        Assert.Equal(0, figures["AMI sessions dropped"]);
    }

    private async Task<JsonElement> RunAsync(string scenario, params string[] options)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "pbxgrains-load-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        try
        {
            var exit = await LoadCommand.RunAsync([scenario, "--url", fixture.Host.BaseAddress.ToString(), "--out", folder, .. Quick, .. options], log, ct);

            // Without thresholds only an invalid run (a noisy machine missing the offered rate) may fail it; never "could not run".
            Assert.True(exit is LoadCommand.Passed or LoadCommand.Failed, $"exit {exit}\n{log}");
            var markdown = await File.ReadAllTextAsync(Path.Combine(folder, scenario + ".md"), ct);
            Assert.StartsWith("# PbxGrains load suite", markdown, StringComparison.Ordinal);
            Assert.Contains("| Stream | Offered/s | Achieved/s |", markdown, StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, scenario + ".html"), ct);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
            Assert.True(Count(html, "<svg") >= 2 && Count(html, "<svg") == Count(html, "</svg>"), "two plots per phase, each closed");
            Assert.Contains("<polyline", html, StringComparison.Ordinal);
            foreach (var plot in new[] { "plot-latency-0", "plot-percentiles-0", "plot-throughput-0", "plot-host-cpu", "plot-host-memory" })
            {
                Assert.Contains($"<svg id=\"{plot}\"", html, StringComparison.Ordinal);
            }

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, scenario + ".json"), ct));
            var report = json.RootElement.Clone();
            Assert.Equal(scenario, report.GetProperty("scenario").GetString());
            Assert.True(report.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
            Assert.True(report.GetProperty("hostSamples").GetArrayLength() > 0, "the host sampled through the run");
            foreach (var phase in report.GetProperty("phases").EnumerateArray())
            {
                foreach (var stream in phase.GetProperty("streams").EnumerateArray())
                {
                    var latency = stream.GetProperty("latency");
                    var (p50, p99, p999, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p99").GetDouble(),
                        latency.GetProperty("p999").GetDouble(), latency.GetProperty("max").GetDouble());
                    Assert.True(p50 <= p99 && p99 <= p999 && p999 <= max, $"percentiles in order: {latency}");
                }
            }

            Assert.Equal(report.GetProperty("valid").GetBoolean(), report.GetProperty("invalidReasons").GetArrayLength() == 0);
            Assert.DoesNotContain(report.GetProperty("invalidReasons").EnumerateArray(), r => r.GetString()!.StartsWith("the run stopped", StringComparison.Ordinal));
            return report;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static Dictionary<string, double> Figures(JsonElement report) =>
        report.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetDouble());

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
