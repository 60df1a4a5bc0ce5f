using System.Text.Json;
using PbxGrains.Load.Cli;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Load;

/// <summary>
/// The chaos scenario once, small: its own cluster of two silos and an API process, a few polls and calls a second,
/// one silo killed and one stopped gracefully. What is checked is that the events were applied and reported with every
/// figure and threshold, never how long anything took (the CI machine is shared).
/// </summary>
public sealed class ChaosSmokeTests
{
    [Fact]
    public async Task A_chaos_run_kills_and_stops_a_silo_under_load_and_reports_each_event()
    {
        if (RedisServer.Executable() is null)
        {
            Assert.Skip("redis-server is not installed, so the chaos smoke run is skipped: install it with `apt-get install redis-server`.");
        }

        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "pbxgrains-chaos-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        try
        {
            // Fast failure detection and a short directory lease keep the run short; thresholds are on, so they are
            // counted, but the verdict is not asserted.
            var exit = await LoadCommand.RunAsync(
            [
                "chaos", "--silos", "2", "--events", "kill,graceful", "--calls", "40", "--queues", "2", "--agents", "2",
                "--poll-rate", "20", "--churn-rate", "2", "--phones", "20", "--warmup", "0.5", "--gap", "2", "--timeout", "2", "--top-up", "2",
                "--fast-detection", "--host-settings", "Orleans:Directory:RangeLeaseDuration=00:00:02", "--out", folder,
            ], log, ct);

            Assert.True(exit is LoadCommand.Passed or LoadCommand.Failed, $"exit {exit}\n{log}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "chaos.json"), ct));
            var report = json.RootElement;
            Assert.DoesNotContain(report.GetProperty("invalidReasons").EnumerateArray(), r => r.GetString()!.StartsWith("the run stopped", StringComparison.Ordinal));
            var events = report.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal(["kill", "graceful"], events.Select(e => e.GetProperty("kind").GetString()));
            Assert.All(events, e =>
            {
                Assert.True(e.GetProperty("applied").GetBoolean(), e.ToString());
                Assert.Equal(2, e.GetProperty("activeSilosAfter").GetInt32());
                Assert.Equal(["queue poll", "churn"], e.GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("workload").GetString()));
                Assert.All(e.GetProperty("workloads").EnumerateArray(), w => Assert.True(w.GetProperty("requests").GetInt64() > 0, w.ToString()));
                var (before, after, ended) = (e.GetProperty("liveCallsBefore").GetInt32(), e.GetProperty("liveCallsAfter").GetInt32(), e.GetProperty("liveCallsEnded").GetInt32());
                Assert.Equal(Math.Max(0, before - after), ended);
                Assert.True(e.GetProperty("requestsRecoveredSeconds").ValueKind is JsonValueKind.Number or JsonValueKind.Null, e.ToString());
            });
            // The second event met the tenant topped up to its calls again, after the kill ended some.
            Assert.Equal(40, events[0].GetProperty("liveCallsBefore").GetInt32());
            Assert.True(events[1].GetProperty("liveCallsBefore").GetInt32() >= 40, events[1].ToString());
            Assert.Contains("kill -9 of chaos-silo1", events[0].GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("SIGTERM of chaos-silo2", events[1].GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(events[1].GetProperty("atSecond").GetDouble() > events[0].GetProperty("atSecond").GetDouble());

            var thresholds = report.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
            Assert.Equal(8, thresholds.Count);
            Assert.Contains("event 1 (kill): live calls ended", thresholds);
            Assert.Contains("event 2 (graceful): time to full recovery", thresholds);
            var streams = report.GetProperty("phases")[0].GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
            Assert.Equal(["ipps-queueactive", "call", "baseline"], streams);

            var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "chaos.md"), ct);
            Assert.Contains("## Events", markdown, StringComparison.Ordinal);
            Assert.Contains("| 2 | SIGTERM of chaos-silo2, replaced |", markdown, StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "chaos.html"), ct);
            Assert.Contains("<h2>Events</h2>", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_chaos_run_refuses_a_host_given_by_url_and_an_unknown_event()
    {
        var log = new StringWriter();

        var exit = await LoadCommand.RunAsync(["chaos", "--url", "http://127.0.0.1:1", "--events", "kill,flood"], log, TestContext.Current.CancellationToken);

        Assert.Equal(LoadCommand.CouldNotRun, exit);
        Assert.Contains("--url: the chaos scenario starts its own cluster", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("--events: unknown event 'flood'", log.ToString(), StringComparison.Ordinal);
    }
}
