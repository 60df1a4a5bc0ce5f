using System.Globalization;
using System.Text.RegularExpressions;
using PbxGrains.Load.Reports;
using PbxGrains.Load.Running;

namespace PbxGrains.Tests.Load;

/// <summary>
/// The HTML report draws, from the report's own series, latency over time, the percentile distribution, throughput
/// achieved against offered, the host's CPU and memory over the run and a table's per-interval plots (a soak's
/// minutes), each as an inline SVG with its id, and fetches nothing.
/// </summary>
public sealed partial class HtmlReportPlotTests
{
    [Fact]
    public void Each_plot_is_drawn_from_the_reports_series()
    {
        var html = HtmlReport.Render(Report());

        // Latency: p99 and p50 lines of each of the two streams, a point per second.
        Assert.Equal([6, 6, 6, 6], Polylines(Svg(html, "plot-latency-0")).Select(p => p.Count));
        Assert.Equal([14, 14], Polylines(Svg(html, "plot-percentiles-0")).Select(p => p.Count));

        // Throughput: per stream, a point per second for what was answered, then the offered rate as a level line.
        var throughput = Polylines(Svg(html, "plot-throughput-0"));
        Assert.Equal([6, 2, 6, 2], throughput.Select(p => p.Count));
        var answered = throughput[0];
        var counts = Counts;
        for (var i = 1; i < counts.Length; i++)
        {
            // Higher on the page (a smaller y) for more answers: the points follow the data.
            Assert.Equal(Math.Sign(counts[i] - counts[i - 1]), -Math.Sign(answered[i].Y - answered[i - 1].Y));
        }

        Assert.Equal(throughput[1][0].Y, throughput[1][1].Y);
        Assert.True(throughput[1][0].Y < answered[2].Y, "the dip below the offered 100/s is under the offered line");

        // Host CPU breaks where a sample has no CPU figure (a failed sample); memory has both lines throughout.
        Assert.Equal([2, 2], Polylines(Svg(html, "plot-host-cpu")).Select(p => p.Count));
        Assert.Equal([6, 6], Polylines(Svg(html, "plot-host-memory")).Select(p => p.Count));

        // A soak's minutes: each of the table's plots, a point per row.
        Assert.Equal([3, 3], Polylines(Svg(html, "plot-table-0-0")).Select(p => p.Count));
        Assert.Equal([3], Polylines(Svg(html, "plot-table-0-1")).Select(p => p.Count));
        Assert.Contains("<title>Host CPU</title>", Svg(html, "plot-table-0-1"), StringComparison.Ordinal);

        // It opens offline: no script, no stylesheet or image fetched.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?:src|href)\s*=\s*""https?:", html);
    }

    [Fact]
    public void A_report_without_host_samples_draws_no_host_plot()
    {
        var report = Report();
        report.HostSamples.Clear();
        var html = HtmlReport.Render(report);
        Assert.DoesNotContain("plot-host-cpu", html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-throughput-0\"", html, StringComparison.Ordinal);
    }

    private static readonly long[] Counts = [100, 100, 60, 100, 120, 100];

    private static RunReport Report()
    {
        var report = new RunReport
        {
            Scenario = "plots",
            Title = "plots",
            Machine = new MachineInfo(2, "test", "test", "test"),
            Host = new HostInfo("http://127.0.0.1:1/", false, null, null),
        };
        var distribution = new[] { 0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 }
            .Select((p, i) => new PercentilePoint(p, 1 + i * 0.5)).ToList();
        StreamReport Stream(string name, double rate, bool baseline) => new(
            name, "", baseline, rate, rate, 600, 0, 580, 0, 0, new Dictionary<string, int>(), new LatencySummary(580, 2, 1, 3, 5, 7, 9), null,
            [.. Counts.Select((c, i) => new SecondFigures(i, c * (baseline ? 1 : 2) / 2, 0, 1 + i, 4 + i, 9))], distribution);
        report.Phases.Add(new PhaseReport("poll", 1, 6, [Stream("queue", 100, false), Stream("baseline", 50, true)], []));
        report.HostSamples.AddRange([new HostSample(0, null, 100, 50), new HostSample(1, 40, 110, 55), new HostSample(2, 60, 120, 60),
            new HostSample(3, null, 125, 61), new HostSample(4, 80, 130, 65), new HostSample(5, 90, 131, 66)]);
        report.Tables.Add(new ReportTable("Per minute", ["minute", "p50 ms", "p99 ms", "host CPU %"], [[1, 2, 5, 30], [2, 2, 6, 35], [3, 3, 7, 40]],
            [new TablePlot("Latency", "ms", [1, 2]), new TablePlot("Host CPU", "% of one core", [3])]));
        return report;
    }

    private static string Svg(string html, string id)
    {
        var match = Regex.Match(html, $@"<svg id=""{Regex.Escape(id)}"".*?</svg>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no plot {id}");
        return match.Value;
    }

    private static List<List<(double X, double Y)>> Polylines(string svg) =>
        [.. Polyline().Matches(svg).Select(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList())];

    [GeneratedRegex(@"<polyline[^>]*points=""([^""]*)""")]
    private static partial Regex Polyline();
}
