using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Client;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// What a run produced, in a form two runs can be compared in: no ids or channel sequence numbers (they come from
/// per-process id blocks), and instants as offsets from the run's start.
/// </summary>
public static class Outcomes
{
    /// <summary>
    /// One line per CDR of the run, every day from <paramref name="t0"/>'s to now's, in order of start (and of content,
    /// for calls started together). The stepped clock is shared by the collection's tests, so where a run falls in the
    /// day depends on the tests before it: one that crosses midnight files its later calls under the next day.
    /// </summary>
    public static Task<IReadOnlyList<string>> CdrsAsync(PbxClient pbx, string tenant, DateTimeOffset t0) => CdrsAsync(pbx, tenant, t0, pbx.Clock.Now);

    /// <summary>As <see cref="CdrsAsync(PbxClient, string, DateTimeOffset)"/>, over every day from <paramref name="t0"/>'s to <paramref name="until"/>'s (a run may cross midnight).</summary>
    public static async Task<IReadOnlyList<string>> CdrsAsync(PbxClient pbx, string tenant, DateTimeOffset t0, DateTimeOffset until)
    {
        var records = new List<CdrRecord>();
        for (var day = DateOnly.FromDateTime(t0.UtcDateTime); day <= DateOnly.FromDateTime(until.UtcDateTime); day = day.AddDays(1))
        {
            records.AddRange(await pbx.ListCdrsAsync(tenant, day));
        }

        return Lines(records, t0);
    }

    public static async Task<string> QueueAsync(PbxClient pbx, string tenant, string name, DateTimeOffset t0)
    {
        var queue = await pbx.Queue(tenant, name).GetSnapshotAsync();
        var s = queue.Statistics;
        var members = queue.Members.OrderBy(m => m.Extension, StringComparer.Ordinal)
            .Select(m => $"{m.Extension} took {m.CallsTaken}, last at {Offset(m.LastCall, t0)}");
        return Join(
            $"offered {s.Offered}", $"answered {s.Answered}", $"completed {s.Completed}", $"abandoned {s.Abandoned}",
            $"after waiting {s.AnsweredAfterWaiting}", $"wait {Seconds(s.TotalWaitSeconds)}", $"max wait {Seconds(s.MaxWaitSeconds)}",
            $"talk {Seconds(s.TotalTalkSeconds)}", $"within service level {s.AnsweredWithinServiceLevel}",
            $"abandon wait {Seconds(s.TotalAbandonWaitSeconds)}", $"waiting now {queue.Calls.Length}", Join([.. members]));
    }

    /// <summary>Start, answer, end, disposition and the answering device of a line made by <see cref="CdrsAsync(PbxClient, string, DateTimeOffset)"/>.</summary>
    public static string Summary(string line)
    {
        var fields = line.Split(" | ");
        return $"{fields[0]} {fields[1]} {fields[2]} {fields[5]} {fields[12]}";
    }

    private static IReadOnlyList<string> Lines(IEnumerable<CdrRecord> records, DateTimeOffset t0) =>
        [.. records
            .Select(c => (c.Start, Line: Describe(c, t0)))
            .OrderBy(c => c.Start)
            .ThenBy(c => c.Line, StringComparer.Ordinal)
            .Select(c => c.Line)];

    private static string Describe(CdrRecord c, DateTimeOffset t0) => Join(
        Offset(c.Start, t0), Offset(c.Answer, t0), Offset(c.End, t0), $"{c.Duration}s", $"{c.BillSec}s", $"{c.Disposition}", $"{c.HangupCause}",
        c.Source, c.CallerIdName, c.Destination, c.DestinationContext,
        UniqueId.DeviceOf(c.Channel), UniqueId.DeviceOf(c.DestinationChannel), string.Join(",", c.Channels.Select(UniqueId.DeviceOf)),
        c.AccountCode, string.Join(",", c.CustomFields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")),
        c.LastApplication, c.Queue ?? "-", c.RecordingFile ?? "-");

    private static string Join(params string[] parts) => string.Join(" | ", parts);

    private static string Offset(DateTimeOffset? at, DateTimeOffset t0) => at is { } value ? "+" + Seconds((value - t0).TotalSeconds) : "-";

    // Seven decimals: a tick, so drawn instants are compared exactly.
    private static string Seconds(double seconds) => seconds.ToString("0.#######", CultureInfo.InvariantCulture);
}
