using System.Globalization;
using PbxGrains.Load.Cli;

namespace PbxGrains.Load.Scenarios;

/// <summary>The disturbances the chaos scenario applies, by their command-line names.</summary>
public enum ChaosEventKind
{
    /// <summary><c>kill -9</c> of a silo, then a replacement.</summary>
    Kill,

    /// <summary>SIGTERM of a silo (it leaves the cluster gracefully), then a replacement.</summary>
    Graceful,

    /// <summary>Every silo in turn: SIGTERM, a replacement, ready, the next.</summary>
    Rolling,

    /// <summary>Redis frozen (SIGSTOP) for a while, then resumed.</summary>
    RedisPause,
}

/// <summary>
/// What an event may cost before its thresholds fail: failed requests as a share of those sent in its span, the failure
/// window, the live calls it ended as a share of those live before it, and the time to full recovery.
/// </summary>
public sealed record EventLimits(double MaxFailedPercent, double MaxWindowSeconds, double MaxEndedPercent, double MaxRecoverySeconds);

public static class ChaosEvents
{
    public static string Name(ChaosEventKind kind) => kind switch
    {
        ChaosEventKind.Kill => "kill",
        ChaosEventKind.Graceful => "graceful",
        ChaosEventKind.Rolling => "rolling",
        _ => "redis-pause",
    };

    public static IReadOnlyList<ChaosEventKind> All { get; } = Enum.GetValues<ChaosEventKind>();

    /// <summary>
    /// The defaults: a crash may fail what lived on the lost silo until it is declared dead (its calls end, as the issue
    /// accepts), about a third of the calls of three silos; a graceful stop, a rolling restart and a Redis pause should
    /// cost nothing at all (the goal of live-call migration, issue 20), only time.
    /// </summary>
    private static EventLimits Defaults(ChaosEventKind kind) => kind switch
    {
        ChaosEventKind.Kill => new EventLimits(10, 15, 50, 60),
        ChaosEventKind.Graceful => new EventLimits(0, 0, 0, 60),
        ChaosEventKind.Rolling => new EventLimits(0, 0, 0, 240),
        _ => new EventLimits(0, 0, 0, 45),
    };

    /// <summary>Each kind's limits from <c>--{kind}-max-failed-pct</c>, <c>-max-window</c>, <c>-max-ended-pct</c> and <c>-max-recovery</c>.</summary>
    public static IReadOnlyDictionary<ChaosEventKind, EventLimits> ReadLimits(LoadOptions o) => All.ToDictionary(kind => kind, kind =>
    {
        var d = Defaults(kind);
        var name = Name(kind);
        return new EventLimits(
            o.Number($"{name}-max-failed-pct", d.MaxFailedPercent, 0, 100, $"threshold: failed requests in a {name} event's span, % of those sent"),
            o.Number($"{name}-max-window", d.MaxWindowSeconds, 0, 3600, $"threshold: seconds from the first to the last failed request of a {name} event"),
            o.Number($"{name}-max-ended-pct", d.MaxEndedPercent, 0, 100, $"threshold: live calls a {name} event ended, % of those live before it"),
            o.Number($"{name}-max-recovery", d.MaxRecoverySeconds, 0, 3600, $"threshold: seconds from a {name} event's start to full recovery"));
    });

    public static IReadOnlyList<ChaosEventKind> Parse(string names, List<string> problems)
    {
        var chosen = new List<ChaosEventKind>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var known = All.Where(k => Name(k) == name).ToList();
            if (known.Count == 1)
            {
                chosen.Add(known[0]);
            }
            else
            {
                problems.Add($"--events: unknown event '{name}' (known: {string.Join(", ", All.Select(Name))})");
            }
        }

        if (chosen.Count == 0 && problems.Count == 0)
        {
            problems.Add("--events: names no event");
        }

        return chosen;
    }

    /// <summary><c>Key=Value;Key=Value</c>: host settings for every process of the cluster.</summary>
    public static Dictionary<string, string> ParseSettings(string text, List<string> problems)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"--host-settings: '{pair}' is not Key=Value"));
                continue;
            }

            settings[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return settings;
    }
}
