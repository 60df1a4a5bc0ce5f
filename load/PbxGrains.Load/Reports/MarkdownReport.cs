using System.Globalization;
using System.Text;

namespace PbxGrains.Load.Reports;

/// <summary>The report as Markdown: verdict, thresholds, figures, and per phase one table of streams.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport r)
    {
        var md = new StringBuilder();
        void L(string line = "") => md.Append(line).Append('\n');
        L($"# {r.Title}");
        L();
        L($"**Verdict: {Verdict(r)}** — scenario `{r.Scenario}`, started {r.Started:yyyy-MM-dd HH:mm:ss} UTC, {F(r.Seconds, "0")} s.");
        L();
        L($"Machine: {r.Machine.Cores} cores, {r.Machine.Os}, {r.Machine.Runtime}. Host: {r.Host.Url}" +
          (r.Host.StartedBySuite ? $" (started by the suite, pid {r.Host.Pid})" : " (given by URL)") + ".");
        L();
        foreach (var reason in r.InvalidReasons)
        {
            L($"- INVALID: {reason}");
        }

        if (r.InvalidReasons.Count > 0)
        {
            L();
        }

        if (r.Thresholds.Count > 0)
        {
            L("## Thresholds");
            L();
            L("| Threshold | Limit | Measured | |");
            L("|---|---:|---:|---|");
            foreach (var t in r.Thresholds)
            {
                L($"| {t.Name} | {(t.Higher ? "≥" : "≤")} {F(t.Limit)} {t.Unit} | {F(t.Actual)} {t.Unit} | {(t.Passed ? "pass" : "**FAIL**")} |");
            }

            L();
        }

        if (r.Figures.Count > 0)
        {
            L("## Figures");
            L();
            L("| Figure | Value | |");
            L("|---|---:|---|");
            foreach (var f in r.Figures)
            {
                L($"| {f.Name} | {F(f.Value)} {f.Unit} | {f.Note} |");
            }

            L();
        }

        if (r.Events.Count > 0)
        {
            var workloads = r.Events[0].Workloads.Select(w => w.Workload).ToList();
            L("## Events");
            L();
            L("| # | Event | at s | action s | " + string.Concat(workloads.Select(w => $"{w} failed (errors + timeouts of sent) | ")) +
              "failure window s | live calls before → after (ended) | requests back s | full recovery s | active silos after | failed after recovery |");
            L("|---:|---|---:|---:|" + string.Concat(workloads.Select(_ => "---:|")) + "---:|---|---:|---:|---:|---:|");
            for (var i = 0; i < r.Events.Count; i++)
            {
                var e = r.Events[i];
                L($"| {i + 1} | {e.Description}{(e.Applied ? "" : " — **not applied**")} | {F(e.AtSecond, "0.#")} | {F(e.ActionSeconds, "0.#")} | " +
                  string.Concat(e.Workloads.Select(w => $"{w.Errors + w.Timeouts} ({w.Errors} + {w.Timeouts} of {w.Requests}) | ")) +
                  $"{(e.FailureWindowSeconds is { } window ? F(window, "0.##") : "—")} | {e.LiveCallsBefore} → {e.LiveCallsAfter} ({e.LiveCallsEnded}) | " +
                  $"{(e.RequestsRecoveredSeconds is { } back ? F(back, "0.#") : "—")} | " +
                  $"{(e.RecoverySeconds is { } recovery ? F(recovery, "0.#") : "**not recovered**")} | {e.ActiveSilosAfter} | {e.FailedAfterRecovery} |");
            }

            L();
            foreach (var e in r.Events.Where(e => e.Problem is not null))
            {
                L($"- {e.Description}: {e.Problem}");
            }

            if (r.Events.Any(e => e.Problem is not null))
            {
                L();
            }
        }

        foreach (var table in r.Tables)
        {
            L($"## {table.Name}");
            L();
            L("| " + string.Join(" | ", table.Columns) + " |");
            L("|" + string.Concat(table.Columns.Select(_ => "---:|")));
            foreach (var row in table.Rows)
            {
                L("| " + string.Join(" | ", row.Select(v => F(v))) + " |");
            }

            L();
        }

        foreach (var phase in r.Phases)
        {
            L($"## Phase `{phase.Name}` ({F(phase.WarmupSeconds, "0.#")} s warm-up, {F(phase.DurationSeconds, "0.#")} s measured){(phase.Valid ? "" : " — INVALID")}");
            L();
            L("| Stream | Offered/s | Achieved/s | OK | Errors | Timeouts | Injected faults | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | p50 × | p99 × | p99.9 × |");
            L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in phase.Streams)
            {
                var x = s.RatioToBaseline;
                L($"| {s.Name}{(s.IsBaseline ? " (baseline)" : "")} | {F(s.OfferedRate, "0.#")} | {F(s.AchievedRate, "0.#")} | {s.Ok} | {s.Errors} | {s.Timeouts} | {s.Injected} | " +
                  $"{F(s.Latency.P50)} | {F(s.Latency.P90)} | {F(s.Latency.P99)} | {F(s.Latency.P999)} | {F(s.Latency.Max)} | " +
                  $"{(x is null ? "" : F(x.P50))} | {(x is null ? "" : F(x.P99))} | {(x is null ? "" : F(x.P999))} |");
            }

            L();
            foreach (var reason in phase.InvalidReasons)
            {
                L($"- {reason}");
            }

            foreach (var s in phase.Streams.Where(s => s.ErrorSamples.Count > 0))
            {
                L($"- {s.Name} errors: {string.Join(", ", s.ErrorSamples.Select(e => $"`{e.Key}` × {e.Value}"))}");
            }

            if (phase.InvalidReasons.Count > 0 || phase.Streams.Any(s => s.ErrorSamples.Count > 0))
            {
                L();
            }
        }

        if (r.Notes.Count > 0)
        {
            L("## Notes");
            L();
            foreach (var note in r.Notes)
            {
                L($"- {note}");
            }

            L();
        }

        L("## Parameters");
        L();
        L("| Option | Value |");
        L("|---|---|");
        foreach (var (name, value) in r.Parameters)
        {
            L($"| `--{name}` | `{value}` |");
        }

        L();
        L("Latency counts from each operation's due time on an open-loop schedule (no coordinated omission); `×` columns are target/baseline ratios at the same percentile.");
        return md.ToString();
    }

    public static string Verdict(RunReport r) => !r.Valid ? "INVALID" : r.Passed ? "PASS" : "FAIL";

    private static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
