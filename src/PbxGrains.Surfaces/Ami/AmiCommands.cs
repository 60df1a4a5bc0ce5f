using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The CLI commands the manager's <c>Command</c> action runs, printed as Asterisk's CLI prints them: what clients
/// probe after login (<c>core show version</c>) and what wallboards scrape (<c>core show channels</c>, <c>queue show</c>).
/// </summary>
public static class AmiCommands
{
    /// <summary>The command's output lines, or null for a command this PBX does not have.</summary>
    public static async Task<IReadOnlyList<string>?> RunAsync(string command, string tenant, PbxClient pbx, AmiOptions options)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = string.Join(' ', words).ToLowerInvariant();
        if (text == "core show version")
        {
            return [$"Asterisk {options.AsteriskVersion} built by pbxgrains @ pbxgrains on a x86_64 running Linux"];
        }

        if (text == "core show channels")
        {
            return await ChannelsAsync(tenant, pbx);
        }

        if (words.Length is 2 or 3 && text.StartsWith("queue show", StringComparison.Ordinal))
        {
            return await QueuesAsync(tenant, pbx, words.Length == 3 ? words[2] : null);
        }

        return null;
    }

    /// <summary>Asterisk's answer to a command it does not know.</summary>
    public static string NoSuchCommand(string command) =>
        $"No such command '{command}' (type 'core show help {command}' for other possible commands)";

    private static async Task<IReadOnlyList<string>> ChannelsAsync(string tenant, PbxClient pbx)
    {
        var calls = await pbx.ListCallsAsync(tenant);
        var channels = calls.SelectMany(c => c.Legs).Where(l => !l.IsHungUp).ToList();
        var processed = await pbx.CountCdrsAsync(tenant, DateOnly.FromDateTime(pbx.Clock.Now.UtcDateTime));
        var lines = new List<string> { Row("Channel", "Location", "State", "Application(Data)") };
        foreach (var c in channels)
        {
            var location = c.Context.Length > 0 && c.Exten.Length > 0 ? $"{c.Exten}@{c.Context}:1" : "(None)";
            var application = c.Application.Length > 0 ? $"{c.Application}()" : "(None)";
            lines.Add(Row(c.Name, location, c.State.AsteriskName(), application));
        }

        lines.Add($"{channels.Count} active channel{Plural(channels.Count)}");
        lines.Add($"{calls.Length} active call{Plural(calls.Length)}");
        lines.Add($"{processed.Appended} call{Plural(processed.Appended)} processed");
        return lines;
    }

    /// <summary>cli.c's <c>FORMAT_STRING "%-64.64s %-32.32s %-7.7s %-30.30s"</c>.</summary>
    private static string Row(string channel, string location, string state, string application) =>
        $"{Fit(channel, 64)} {Fit(location, 32)} {Fit(state, 7)} {Fit(application, 30)}";

    private static string Fit(string value, int width) => value.Length >= width ? value[..width] : value.PadRight(width);

    /// <summary>app_queue's <c>print_queue</c>, queue by queue in name order, each followed by a blank line.</summary>
    private static async Task<IReadOnlyList<string>> QueuesAsync(string tenant, PbxClient pbx, string? only)
    {
        var queues = (await pbx.ListQueuesAsync(tenant, only is null ? null : n => n.Equals(only, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ToList();
        if (queues.Count == 0)
        {
            return [only is null ? "No queues." : $"No such queue: {only}."];
        }

        var now = pbx.Clock.Now;
        var lines = new List<string>();
        foreach (var q in queues)
        {
            Queue(lines, q, now);
        }

        return lines;
    }

    private static void Queue(List<string> lines, QueueSnapshot q, DateTimeOffset now)
    {
        var stats = q.Statistics;
        var waiting = q.Calls.Where(c => c.Status != QueueCallerStatus.Connected).ToList();
        var max = q.Config?.MaxCallers is > 0 and var m ? m.ToString(CultureInfo.InvariantCulture) : "unlimited";
        var sl2 = AmiQueueFields.ServiceLevelPerf2(stats);
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{q.Name} has {waiting.Count} calls (max {max}) in '{(q.Config?.Strategy ?? QueueStrategy.RingAll).AsteriskName()}' strategy ({(long)stats.AverageHoldSeconds}s holdtime, {(long)stats.AverageTalkSeconds}s talktime), W:0, C:{stats.Completed}, A:{stats.Abandoned}, SL:{AmiQueueFields.ServiceLevelPerf(stats):0.0}%, SL2:{sl2:0.0}% within {stats.ServiceLevelSeconds}s"));
        if (q.Members.IsEmpty)
        {
            lines.Add("   No Members");
        }
        else
        {
            lines.Add("   Members: ");
            foreach (var member in q.Members)
            {
                var name = member.MemberName.Length > 0 ? member.MemberName : member.Interface;
                var line = $"      {name}";
                if (!name.Equals(member.Interface, StringComparison.OrdinalIgnoreCase))
                {
                    line += $" ({member.Interface})";
                }

                if (member.Penalty != 0)
                {
                    line += string.Create(CultureInfo.InvariantCulture, $" with penalty {member.Penalty}");
                }

                line += " (ringinuse disabled)";
                line += member.Dynamic ? " (dynamic)" : "";
                line += member.InCall ? " (in call)" : "";
                if (member.Paused)
                {
                    line += member.PauseReason.Length > 0 ? $" (paused:{member.PauseReason} was 0 secs ago)" : " (paused was 0 secs ago)";
                }

                line += $" ({AmiQueueFields.StateText(AmiQueueFields.StatusOf(member))})";
                line += member.CallsTaken > 0 && member.LastCall is { } last
                    ? string.Create(CultureInfo.InvariantCulture, $" has taken {member.CallsTaken} calls (last was {(long)(now - last).TotalSeconds} secs ago)")
                    : " has taken no calls yet";
                line += " (login was 0 secs ago)";
                lines.Add(line);
            }
        }

        if (waiting.Count == 0)
        {
            lines.Add("   No Callers");
        }
        else
        {
            lines.Add("   Callers: ");
            var position = 1;
            foreach (var c in waiting)
            {
                var wait = (long)(now - c.Entered).TotalSeconds;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"      {position++}. {c.Channel} (wait: {wait / 60}:{wait % 60:00}, prio: 0)"));
            }
        }

        lines.Add("");
    }

    private static string Plural(long count) => count == 1 ? "" : "s";
}
