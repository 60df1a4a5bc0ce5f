using System.Globalization;
using System.Net;
using System.Text;
using PbxGrains.Load.Running;

namespace PbxGrains.Load.Reports;

/// <summary>
/// The report as one self-contained HTML page: the Markdown's tables; per phase a latency-over-time chart (p50 and p99
/// per second, per stream), a percentile plot (latency against 1/(1-p) on a log axis) and the throughput achieved
/// against the rate offered; the host's CPU and memory over the whole run; a plot per table column group (a soak's
/// minutes). Inline SVG, no script and nothing fetched, so the file opens offline; every plot has an id
/// (<c>plot-…</c>) and a title, for a reader's links and for tests.
/// </summary>
public static class HtmlReport
{
    private const int W = 760;
    private const int H = 280;
    private const int Left = 60;
    private const int Bottom = 40;
    private const int Top = 20;
    private const int Right = 20;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Render(RunReport r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(r.Title)).Append("</title>\n");
        h.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}" +
                 "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}" +
                 ".fail{color:#b00;font-weight:bold}.pass{color:#070;font-weight:bold}svg{background:#fafafa;border:1px solid #ddd;margin:0.5em 0}</style>\n");
        h.Append("</head><body>\n");
        h.Append("<h1>").Append(E(r.Title)).Append("</h1>\n");
        var verdict = MarkdownReport.Verdict(r);
        h.Append("<p>Verdict: <span class=\"").Append(verdict == "PASS" ? "pass" : "fail").Append("\">").Append(verdict).Append("</span> — scenario <code>")
            .Append(E(r.Scenario)).Append("</code>, ").Append(E(r.Started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC, ")
            .Append(F(r.Seconds, "0")).Append(" s; ").Append(r.Machine.Cores).Append(" cores, ").Append(E(r.Machine.Os)).Append(", ")
            .Append(E(r.Machine.Runtime)).Append("; host ").Append(E(r.Host.Url)).Append("</p>\n");
        if (r.InvalidReasons.Count > 0)
        {
            h.Append("<ul>");
            foreach (var reason in r.InvalidReasons)
            {
                h.Append("<li class=\"fail\">INVALID: ").Append(E(reason)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        if (r.Thresholds.Count > 0)
        {
            h.Append("<h2>Thresholds</h2>\n<table><tr><th>Threshold</th><th>Limit</th><th>Measured</th><th></th></tr>\n");
            foreach (var t in r.Thresholds)
            {
                h.Append("<tr><td>").Append(E(t.Name)).Append("</td><td>").Append(t.Higher ? "≥ " : "≤ ").Append(F(t.Limit)).Append(' ').Append(E(t.Unit))
                    .Append("</td><td>").Append(F(t.Actual)).Append(' ').Append(E(t.Unit)).Append("</td><td class=\"")
                    .Append(t.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        if (r.Figures.Count > 0)
        {
            h.Append("<h2>Figures</h2>\n<table><tr><th>Figure</th><th>Value</th><th></th></tr>\n");
            foreach (var f in r.Figures)
            {
                h.Append("<tr><td>").Append(E(f.Name)).Append("</td><td>").Append(F(f.Value)).Append(' ').Append(E(f.Unit)).Append("</td><td>")
                    .Append(E(f.Note ?? "")).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        if (r.Events.Count > 0)
        {
            var workloads = r.Events[0].Workloads.Select(w => w.Workload).ToList();
            h.Append("<h2>Events</h2>\n<table><tr><th>#</th><th>Event</th><th>at s</th><th>action s</th>");
            foreach (var w in workloads)
            {
                h.Append("<th>").Append(E(w)).Append(" failed (errors + timeouts of sent)</th>");
            }

            h.Append("<th>failure window s</th><th>live calls before → after (ended)</th><th>requests back s</th><th>full recovery s</th><th>active silos after</th><th>failed after recovery</th></tr>\n");
            for (var i = 0; i < r.Events.Count; i++)
            {
                var e = r.Events[i];
                h.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(E(e.Description)).Append(e.Applied ? "" : " <span class=\"fail\">not applied</span>")
                    .Append("</td><td>").Append(F(e.AtSecond, "0.#")).Append("</td><td>").Append(F(e.ActionSeconds, "0.#")).Append("</td>");
                foreach (var w in e.Workloads)
                {
                    h.Append("<td>").Append(w.Errors + w.Timeouts).Append(" (").Append(w.Errors).Append(" + ").Append(w.Timeouts).Append(" of ").Append(w.Requests).Append(")</td>");
                }

                h.Append("<td>").Append(e.FailureWindowSeconds is { } window ? F(window, "0.##") : "—").Append("</td><td>")
                    .Append(e.LiveCallsBefore).Append(" → ").Append(e.LiveCallsAfter).Append(" (").Append(e.LiveCallsEnded).Append(")</td><td>")
                    .Append(e.RequestsRecoveredSeconds is { } back ? F(back, "0.#") : "—").Append("</td><td>")
                    .Append(e.RecoverySeconds is { } recovery ? F(recovery, "0.#") : "<span class=\"fail\">not recovered</span>").Append("</td><td>")
                    .Append(e.ActiveSilosAfter).Append("</td><td>").Append(e.FailedAfterRecovery).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
            foreach (var e in r.Events.Where(e => e.Problem is not null))
            {
                h.Append("<p class=\"fail\">").Append(E(e.Description)).Append(": ").Append(E(e.Problem!)).Append("</p>\n");
            }
        }

        var tableIndex = 0;
        foreach (var table in r.Tables)
        {
            h.Append("<h2>").Append(E(table.Name)).Append("</h2>\n<table><tr>");
            foreach (var column in table.Columns)
            {
                h.Append("<th>").Append(E(column)).Append("</th>");
            }

            h.Append("</tr>\n");
            foreach (var row in table.Rows)
            {
                h.Append("<tr>");
                foreach (var value in row)
                {
                    h.Append("<td>").Append(F(value)).Append("</td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("</table>\n");
            for (var p = 0; p < table.Plots.Count; p++)
            {
                h.Append("<h3>").Append(E(table.Plots[p].Title)).Append("</h3>\n").Append(TablePlot(table, table.Plots[p], $"plot-table-{tableIndex}-{p}"));
            }

            tableIndex++;
        }

        var phaseIndex = 0;
        foreach (var phase in r.Phases)
        {
            h.Append("<h2>Phase <code>").Append(E(phase.Name)).Append("</code>").Append(phase.Valid ? "" : " <span class=\"fail\">INVALID</span>").Append("</h2>\n");
            h.Append("<table><tr><th>Stream</th><th>Offered/s</th><th>Achieved/s</th><th>OK</th><th>Errors</th><th>Timeouts</th><th>Injected faults</th><th>p50 ms</th><th>p90 ms</th>" +
                     "<th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>p50 ×</th><th>p99 ×</th><th>p99.9 ×</th></tr>\n");
            foreach (var s in phase.Streams)
            {
                var x = s.RatioToBaseline;
                h.Append("<tr><td title=\"").Append(E(s.Description)).Append("\">").Append(E(s.Name)).Append(s.IsBaseline ? " (baseline)" : "").Append("</td>");
                foreach (var v in new[] { F(s.OfferedRate, "0.#"), F(s.AchievedRate, "0.#"), s.Ok.ToString(CultureInfo.InvariantCulture),
                             s.Errors.ToString(CultureInfo.InvariantCulture), s.Timeouts.ToString(CultureInfo.InvariantCulture), s.Injected.ToString(CultureInfo.InvariantCulture), F(s.Latency.P50),
                             F(s.Latency.P90), F(s.Latency.P99), F(s.Latency.P999), F(s.Latency.Max),
                             x is null ? "" : F(x.P50), x is null ? "" : F(x.P99), x is null ? "" : F(x.P999) })
                {
                    h.Append("<td>").Append(v).Append("</td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("</table>\n");
            foreach (var reason in phase.InvalidReasons)
            {
                h.Append("<p class=\"fail\">").Append(E(reason)).Append("</p>\n");
            }

            h.Append("<h3>Latency over time (p50 dashed, p99 solid; ms per second of the measured window")
                .Append(r.Events.Count > 0 ? "; grey lines: the events, numbered as in the table" : "").Append(")</h3>\n");
            h.Append(OverTime(phase.Streams, r.Events, $"plot-latency-{phaseIndex}"));
            h.Append("<h3>Latency by percentile</h3>\n");
            h.Append(Percentiles(phase.Streams, $"plot-percentiles-{phaseIndex}"));
            h.Append("<h3>Throughput: answered per second (solid) against the rate offered (dashed)</h3>\n");
            h.Append(Throughput(phase.Streams, $"plot-throughput-{phaseIndex}"));
            phaseIndex++;
        }

        if (r.HostSamples.Count > 0)
        {
            h.Append("<h2>Host process over time</h2>\n<p>Sampled from <code>GET /load/process</code> once a second from the start of the run (set-up included), ")
                .Append("so the seconds here are not the phases' measured windows. CPU is in percent of one core.</p>\n");
            h.Append("<h3>Host CPU</h3>\n").Append(HostPlot(r.HostSamples, "plot-host-cpu", "Host CPU", "% of one core", [("CPU", s => s.CpuPercent)]));
            h.Append("<h3>Host memory</h3>\n").Append(HostPlot(r.HostSamples, "plot-host-memory", "Host memory", "MiB",
                [("working set", s => s.WorkingSetMiB), ("managed heap", s => s.ManagedHeapMiB)]));
        }

        if (r.Notes.Count > 0)
        {
            h.Append("<h2>Notes</h2><ul>");
            foreach (var note in r.Notes)
            {
                h.Append("<li>").Append(E(note)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        h.Append("<h2>Parameters</h2>\n<table>");
        foreach (var (name, value) in r.Parameters)
        {
            h.Append("<tr><td><code>--").Append(E(name)).Append("</code></td><td>").Append(E(value)).Append("</td></tr>");
        }

        h.Append("</table>\n<p>Latency counts from each operation's due time on an open-loop schedule (no coordinated omission); × columns are target/baseline ratios.</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string OverTime(IReadOnlyList<StreamReport> streams, IReadOnlyList<EventReport> events, string id)
    {
        var seconds = Math.Max(1, streams.Max(s => s.Series.Count));
        var top = Nice(Math.Max(0.001, streams.SelectMany(s => s.Series).Select(p => p.P99).DefaultIfEmpty(1).Max()));
        var svg = Frame(out var plotW, out var plotH, id, "Latency over time");
        Axis(svg, plotW, plotH, top, seconds, "s", "ms");
        for (var i = 0; i < events.Count; i++)
        {
            var x = Left + Math.Clamp(events[i].AtSecond / seconds, 0, 1) * plotW;
            svg.Append(Inv($"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Top + plotH:0.#}\" stroke=\"#888\" stroke-dasharray=\"2 2\"/>"));
            svg.Append(Inv($"<text x=\"{x + 3:0.#}\" y=\"{Top + plotH - 4:0.#}\" font-size=\"11\" fill=\"#555\">{i + 1}</text>"));
        }

        for (var i = 0; i < streams.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            Line(svg, streams[i].Series.Select(p => (p.Second + 0.5, p.P99)).ToList(), seconds, top, plotW, plotH, colour, dashed: false);
            Line(svg, streams[i].Series.Select(p => (p.Second + 0.5, p.P50)).ToList(), seconds, top, plotW, plotH, colour, dashed: true);
        }

        Legend(svg, streams);
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// Per second of the measured window, the operations answered (successes; failures are in the tables) against the
    /// stream's offered rate: a host that falls behind shows as a solid line under its dashed one.
    /// </summary>
    private static string Throughput(IReadOnlyList<StreamReport> streams, string id)
    {
        var seconds = Math.Max(1, streams.Max(s => s.Series.Count));
        var top = Nice(Math.Max(0.001, streams.SelectMany(s => s.Series.Select(p => (double)p.Count).Append(s.OfferedRate)).DefaultIfEmpty(1).Max()));
        var svg = Frame(out var plotW, out var plotH, id, "Throughput achieved vs offered");
        Axis(svg, plotW, plotH, top, seconds, "s", "per second");
        for (var i = 0; i < streams.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            Line(svg, streams[i].Series.Select(p => (p.Second + 0.5, (double)p.Count)).ToList(), seconds, top, plotW, plotH, colour, dashed: false);
            Line(svg, [(0, streams[i].OfferedRate), (seconds, streams[i].OfferedRate)], seconds, top, plotW, plotH, colour, dashed: true);
        }

        Legend(svg, streams);
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Host samples against the second of the run; a line breaks where a sample has no value (see <see cref="HostSample"/>).</summary>
    private static string HostPlot(IReadOnlyList<HostSample> samples, string id, string title, string unit, IReadOnlyList<(string Name, Func<HostSample, double?> Value)> lines)
    {
        var maxX = Math.Max(1, Math.Ceiling(samples[^1].Second));
        var top = Nice(Math.Max(0.001, lines.SelectMany(l => samples.Select(l.Value)).Max() ?? 1));
        var svg = Frame(out var plotW, out var plotH, id, title);
        Axis(svg, plotW, plotH, top, (int)maxX, "s since the run started", unit);
        for (var i = 0; i < lines.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var segment = new List<(double, double)>();
            foreach (var sample in samples)
            {
                if (lines[i].Value(sample) is { } value)
                {
                    segment.Add((sample.Second, value));
                    continue;
                }

                Line(svg, segment, maxX, top, plotW, plotH, colour, dashed: false);
                segment = [];
            }

            Line(svg, segment, maxX, top, plotW, plotH, colour, dashed: false);
            var y = Top + 14 + i * 14;
            svg.Append(Inv($"<rect x=\"{Left + 10}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>"));
            svg.Append(Inv($"<text x=\"{Left + 24}\" y=\"{y}\" font-size=\"11\">{E(lines[i].Name)}</text>"));
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>A table's columns against its first column (the interval), one line each.</summary>
    private static string TablePlot(ReportTable table, TablePlot plot, string id)
    {
        var maxX = Math.Max(1, table.Rows.Select(r => r[0]).DefaultIfEmpty(1).Max());
        var top = Nice(Math.Max(0.001, plot.Columns.SelectMany(c => table.Rows.Select(r => r[c])).DefaultIfEmpty(1).Max()));
        var svg = Frame(out var plotW, out var plotH, id, plot.Title);
        Axis(svg, plotW, plotH, top, (int)Math.Ceiling(maxX), table.Columns[0], plot.Unit);
        for (var i = 0; i < plot.Columns.Count; i++)
        {
            var column = plot.Columns[i];
            Line(svg, table.Rows.Select(r => (r[0], r[column])).ToList(), Math.Ceiling(maxX), top, plotW, plotH, Colours[i % Colours.Length], dashed: false);
            var y = Top + 14 + i * 14;
            svg.Append(Inv($"<rect x=\"{Left + 10}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/>"));
            svg.Append(Inv($"<text x=\"{Left + 24}\" y=\"{y}\" font-size=\"11\">{E(table.Columns[column])}</text>"));
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string Percentiles(IReadOnlyList<StreamReport> streams, string id)
    {
        // x = log10(1/(1-p)): 0 at p0, 1 at p90, 2 at p99, ... 5 at p99.999 (p100 is drawn at 5.3).
        const double MaxX = 5.3;
        var top = Nice(Math.Max(0.001, streams.SelectMany(s => s.Distribution).Select(p => p.Millis).DefaultIfEmpty(1).Max()));
        var svg = Frame(out var plotW, out var plotH, id, "Latency by percentile");
        Axis(svg, plotW, plotH, top, 0, "", "ms");
        foreach (var (x, label) in new[] { (0.0, "0"), (1, "90"), (2, "99"), (3, "99.9"), (4, "99.99"), (5, "99.999") })
        {
            var px = Left + x / MaxX * plotW;
            svg.Append(Inv($"<text x=\"{px:0.#}\" y=\"{H - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{label}</text>"));
        }

        svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{H - 6}\" font-size=\"11\" text-anchor=\"middle\">percentile</text>"));
        for (var i = 0; i < streams.Count; i++)
        {
            var points = streams[i].Distribution.Select(p => (p.Percentile >= 100 ? MaxX : Math.Log10(1 / (1 - p.Percentile / 100)), p.Millis)).ToList();
            Line(svg, points, MaxX, top, plotW, plotH, Colours[i % Colours.Length], dashed: false);
        }

        Legend(svg, streams);
        return svg.Append("</svg>\n").ToString();
    }

    private static StringBuilder Frame(out double plotW, out double plotH, string id, string title)
    {
        plotW = W - Left - Right;
        plotH = H - Top - Bottom;
        return new StringBuilder(Inv($"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\"><title>{E(title)}</title>"));
    }

    private static void Axis(StringBuilder svg, double plotW, double plotH, double top, int seconds, string xUnit, string yUnit)
    {
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"white\" stroke=\"#999\"/>"));
        for (var k = 0; k <= 4; k++)
        {
            var y = Top + plotH - k / 4.0 * plotH;
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{top * k / 4:0.###}</text>"));
        }

        svg.Append(Inv($"<text x=\"12\" y=\"{Top + plotH / 2:0}\" font-size=\"11\" transform=\"rotate(-90 12 {Top + plotH / 2:0})\" text-anchor=\"middle\">{yUnit}</text>"));
        if (seconds > 0)
        {
            var step = Math.Max(1, (int)Nice(seconds / 8.0));
            for (var s = 0; s <= seconds; s += step)
            {
                var x = Left + s / (double)seconds * plotW;
                svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{H - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{s}</text>"));
            }

            svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{H - 6}\" font-size=\"11\" text-anchor=\"middle\">{xUnit}</text>"));
        }
    }

    private static void Line(StringBuilder svg, List<(double X, double Y)> points, double maxX, double top, double plotW, double plotH, string colour, bool dashed)
    {
        if (points.Count == 0)
        {
            return;
        }

        svg.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"1.5\"").Append(dashed ? " stroke-dasharray=\"4 3\"" : "").Append(" points=\"");
        foreach (var (x, y) in points)
        {
            svg.Append(Inv($"{Left + x / maxX * plotW:0.#},{Top + plotH - Math.Min(y, top) / top * plotH:0.#} "));
        }

        svg.Append("\"/>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<StreamReport> streams)
    {
        for (var i = 0; i < streams.Count; i++)
        {
            var y = Top + 14 + i * 14;
            svg.Append(Inv($"<rect x=\"{Left + 10}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/>"));
            svg.Append(Inv($"<text x=\"{Left + 24}\" y=\"{y}\" font-size=\"11\">{E(streams[i].Name)}</text>"));
        }
    }

    /// <summary>A round axis maximum at or above <paramref name="value"/>: 1, 2 or 5 times a power of ten.</summary>
    private static double Nice(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1.0, 2, 5, 10 })
        {
            if (m * power >= value)
            {
                return m * power;
            }
        }

        return 10 * power;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
