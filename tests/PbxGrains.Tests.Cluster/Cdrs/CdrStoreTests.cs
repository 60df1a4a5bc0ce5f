using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Cdrs;

/// <summary>
/// The CDR store itself, written the way calls write it (one append per call to the log of its day and shard) and
/// read through <see cref="PbxGrains.Client.PbxClient"/>. The cluster's segments are small
/// (<see cref="ClusterFixture.CdrSegmentSize"/>), so a few hundred records cross many of them. Every test has a
/// tenant of its own; the days are named by the records, so no test moves the shared clock.
/// </summary>
public sealed class CdrStoreTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly DateOnly Day = new(2026, 2, 10);

    private static readonly int RetentionDays = new CdrStoreOptions().RetentionDays;

    [Fact]
    public async Task A_retried_append_keeps_one_record_also_after_its_segment_was_sealed()
    {
        var tenant = NewTenantId();
        var first = Record(Day, 1);
        await AppendAsync(tenant, first);
        await AppendAsync(tenant, first);
        Assert.Equal((1L, 1L), await CountAsync(tenant, Day));

        // Fill the first record's shard until its segment is sealed, then retry it once more.
        var sameShard = Sequences(2).Select(s => Record(Day, s)).Where(r => ShardOf(tenant, r) == ShardOf(tenant, first))
            .Take(2 * ClusterFixture.CdrSegmentSize).ToList();
        foreach (var record in sameShard)
        {
            await AppendAsync(tenant, record);
        }

        var view = await Log(tenant, first).ViewAsync();
        Assert.True(view.Open >= 2, $"the first record's segment is sealed: {view}");
        Assert.DoesNotContain(view.OpenRecords, r => r.UniqueId == first.UniqueId);

        await AppendAsync(tenant, first);
        await AppendAsync(tenant, sameShard[^1]);

        var expected = 1 + sameShard.Count;
        Assert.Equal(((long)expected, (long)expected), await CountAsync(tenant, Day));
        var all = await Pbx.ListCdrsAsync(tenant, Day);
        Assert.Single(all, r => r.UniqueId == first.UniqueId);
        Assert.Equal(expected, all.Select(r => r.UniqueId).Distinct().Count());
    }

    [Fact]
    public async Task Pages_of_any_size_return_every_record_exactly_once_in_the_order_written_across_sealed_and_open_segments()
    {
        var tenant = NewTenantId();
        var records = Sequences(1).Take(100).Select(s => Record(Day, s)).ToList();
        foreach (var record in records)
        {
            await AppendAsync(tenant, record);
        }

        var views = await Task.WhenAll(Shards.AllCdrKeys(tenant, Day).Select(k => Pbx.Grains.GetGrain<ICdrLogGrain>(k).ViewAsync()));
        Assert.All(views, v => Assert.True(v.Open >= 1, $"every shard has sealed segments: {v.Open}"));
        Assert.Contains(views, v => !v.OpenRecords.IsEmpty);

        // Written in end-time order, which is the order a reader merges the shards in.
        var expected = records.Select(r => r.UniqueId).ToList();
        foreach (var limit in (int[])[1, 3, ClusterFixture.CdrSegmentSize, 37, 100, 1000])
        {
            var read = new List<string>();
            CdrCursor? cursor = null;
            var pages = 0;
            do
            {
                var page = await Pbx.ReadCdrsAsync(tenant, Day, cursor, limit);
                Assert.InRange(page.Records.Length, 1, limit);
                read.AddRange(page.Records.Select(r => r.UniqueId));

                // The cursor goes through its text form, as a client reading /sim/tenants/{id}/cdrs hands it back.
                cursor = page.Next is null ? null : CdrCursor.TryParse(page.Next.ToString(), Shards.CdrsPerDay);
                Assert.Equal(page.Next, cursor);
                pages++;
            }
            while (cursor is not null);

            Assert.Equal(expected, read);
            Assert.Equal((expected.Count + limit - 1) / limit, pages);
        }

        // A cursor at the end reads nothing more.
        var last = await Pbx.ReadCdrsAsync(tenant, Day, new CdrCursor([.. views.Select(v => v.End)]), 10);
        Assert.Empty(last.Records);
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task A_cdr_is_found_by_its_unique_id_and_by_its_sequence_number_in_a_sealed_segment_and_in_the_open_one()
    {
        var tenant = NewTenantId();
        var records = Sequences(500).Take(60).Select(s => Record(Day, s)).ToList();
        foreach (var record in records)
        {
            await AppendAsync(tenant, record);
        }

        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Shards.AllCdrKeys(tenant, Day))
        {
            open.UnionWith((await Pbx.Grains.GetGrain<ICdrLogGrain>(key).ViewAsync()).OpenRecords.Select(r => r.UniqueId));
        }

        var inOpen = records.First(r => open.Contains(r.UniqueId));
        var sealedOne = records.First(r => !open.Contains(r.UniqueId));
        foreach (var record in (CdrRecord[])[inOpen, sealedOne])
        {
            Same(record, await Pbx.FindCdrAsync(tenant, record.UniqueId));
            Same(record, await Pbx.FindCdrBySequenceAsync(tenant, SequenceOf(record), Day, days: 1));

            // Looked for from a later day back: the index of each day is one bucket.
            Same(record, await Pbx.FindCdrBySequenceAsync(tenant, SequenceOf(record), Day.AddDays(3), days: 4));
            Assert.Null(await Pbx.FindCdrBySequenceAsync(tenant, SequenceOf(record), Day.AddDays(3), days: 3));
        }

        Assert.Null(await Pbx.FindCdrAsync(tenant, Record(Day, 499).UniqueId));
        Assert.Null(await Pbx.FindCdrAsync(tenant, "not-a-unique-id"));
        Assert.Null(await Pbx.FindCdrBySequenceAsync(tenant, 499, Day, days: 1));
        Assert.Null(await Pbx.FindCdrAsync(NewTenantId(), inOpen.UniqueId));
    }

    [Fact]
    public async Task A_day_past_the_retention_is_dropped_when_a_new_day_starts_and_the_days_within_it_are_kept()
    {
        var tenant = NewTenantId();
        var old = await FillAsync(tenant, Day, 40);
        var kept = await FillAsync(tenant, Day.AddDays(1), 12);
        Assert.Equal(40, (await CountAsync(tenant, Day)).Stored);

        // The first appends of the day the retention reaches past Day (on every shard, as a busy day's are).
        await FillAsync(tenant, Day.AddDays(RetentionDays), 40);

        Assert.Equal(0, (await CountAsync(tenant, Day)).Stored);
        Assert.Empty(await Pbx.ListCdrsAsync(tenant, Day));
        Assert.Empty((await Pbx.ReadCdrsAsync(tenant, Day, null, 100)).Records);
        foreach (var record in old)
        {
            Assert.Null(await Pbx.FindCdrAsync(tenant, record.UniqueId));
        }

        Assert.Equal(kept.OrderBy(r => r.Start).ThenBy(r => r.UniqueId, StringComparer.Ordinal).Select(r => r.UniqueId),
            (await Pbx.ListCdrsAsync(tenant, Day.AddDays(1))).Select(r => r.UniqueId));

        // The sealed segments leave storage in the background, a few per timer tick.
        await Wait.Until(async () =>
        {
            var segments = await Task.WhenAll(Shards.AllCdrKeys(tenant, Day)
                .Select(k => Pbx.Grains.GetGrain<ICdrSegmentGrain>(Shards.CdrSegmentKey(k, 0)).ReadAsync()));
            return segments.All(s => s.IsEmpty);
        }, "the old day's sealed segments to be dropped");
    }

    [Fact]
    public async Task A_day_long_past_the_retention_is_dropped_too_because_the_tenants_directory_of_logs_names_it()
    {
        var tenant = NewTenantId();
        var longAgo = Day.AddDays(-60);
        var old = await FillAsync(tenant, longAgo, 40);
        var directory = Pbx.Grains.GetGrain<ICdrLogDirectoryGrain>(tenant);
        Assert.Equal(Shards.AllCdrKeys(tenant, longAgo).Order(StringComparer.Ordinal), (await directory.ListAsync()).Order(StringComparer.Ordinal));

        // Nothing was written in between, so no day's start could have reached that far back by counting days.
        await FillAsync(tenant, Day, 40);

        Assert.Equal(0, (await CountAsync(tenant, longAgo)).Stored);
        foreach (var record in old)
        {
            Assert.Null(await Pbx.FindCdrAsync(tenant, record.UniqueId));
        }

        Assert.Equal(Shards.AllCdrKeys(tenant, Day).Order(StringComparer.Ordinal), (await directory.ListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Records_appended_after_a_purge_stay_once_the_purged_segments_have_been_dropped()
    {
        var tenant = NewTenantId();
        var before = await FillAsync(tenant, Day, 40);
        var purgedEnds = new List<(string Key, long Open)>();
        foreach (var key in Shards.AllCdrKeys(tenant, Day))
        {
            purgedEnds.Add((key, (await Pbx.Grains.GetGrain<ICdrLogGrain>(key).ViewAsync()).Open));
        }

        await Pbx.PurgeCdrsAsync(tenant);
        Assert.Equal(0, (await CountAsync(tenant, Day)).Stored);
        Assert.Empty(await Pbx.Grains.GetGrain<ICdrLogDirectoryGrain>(tenant).ListAsync());

        // The same day goes on (a late call, or a new tenant of the same id) while the old segments are dropped.
        var after = Sequences(1000).Take(40).Select(s => Record(Day, s)).ToList();
        foreach (var record in after)
        {
            await AppendAsync(tenant, record);
        }

        await Wait.Until(async () =>
        {
            var segments = await Task.WhenAll(purgedEnds.SelectMany(e => Enumerable.Range(0, (int)e.Open)
                .Select(n => Pbx.Grains.GetGrain<ICdrSegmentGrain>(Shards.CdrSegmentKey(e.Key, n)).ReadAsync())));
            return segments.All(s => s.IsEmpty);
        }, "the purged segments to be dropped");

        Assert.Equal(after.Count, (await CountAsync(tenant, Day)).Stored);
        Assert.Equal(after.Select(r => r.UniqueId).Order(StringComparer.Ordinal),
            (await Pbx.ListCdrsAsync(tenant, Day)).Select(r => r.UniqueId).Order(StringComparer.Ordinal));
        Same(after[0], await Pbx.FindCdrAsync(tenant, after[0].UniqueId));
        Assert.Null(await Pbx.FindCdrAsync(tenant, before[0].UniqueId));
        Assert.Equal(Shards.AllCdrKeys(tenant, Day).Order(StringComparer.Ordinal),
            (await Pbx.Grains.GetGrain<ICdrLogDirectoryGrain>(tenant).ListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Past_the_records_kept_per_tenant_day_the_oldest_sealed_segments_go_and_the_newest_stay()
    {
        var tenant = NewTenantId();
        const int appended = 600;
        var records = await FillAsync(tenant, Day, appended);

        var (stored, total) = await CountAsync(tenant, Day);
        Assert.Equal(appended, total);

        // Whole segments go, so each shard keeps the bound's share in sealed segments plus its open segment.
        Assert.InRange(stored, ClusterFixture.MaxCdrsPerTenantDay, ClusterFixture.MaxCdrsPerTenantDay + Shards.CdrsPerDay * (ClusterFixture.CdrSegmentSize - 1));

        var read = new List<CdrRecord>();
        CdrCursor? cursor = null;
        do
        {
            var page = await Pbx.ReadCdrsAsync(tenant, Day, cursor, 50);
            read.AddRange(page.Records);
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(stored, read.Count);
        Assert.Equal(read.Count, read.Select(r => r.UniqueId).Distinct().Count());

        // What each shard kept is its newest records, every one of them.
        foreach (var shard in records.GroupBy(r => ShardOf(tenant, r)))
        {
            var keptOfShard = read.Where(r => ShardOf(tenant, r) == shard.Key).Select(r => r.UniqueId).ToList();
            Assert.Equal(shard.TakeLast(keptOfShard.Count).Select(r => r.UniqueId), keptOfShard);
        }

        // Dropped records leave the index with their segments; kept ones are found.
        Assert.Null(await Pbx.FindCdrAsync(tenant, records[0].UniqueId));
        Assert.Null(await Pbx.FindCdrBySequenceAsync(tenant, SequenceOf(records[0]), Day, days: 1));
        Same(records[^1], await Pbx.FindCdrAsync(tenant, records[^1].UniqueId));
        Same(records[^1], await Pbx.FindCdrBySequenceAsync(tenant, SequenceOf(records[^1]), Day, days: 1));
    }

    [Fact]
    public async Task The_bytes_written_per_append_are_the_same_at_the_first_and_the_two_thousandth_append()
    {
        var tenant = NewTenantId();
        const int appends = 2000;
        var bytes = new long[appends];
        var largest = new int[appends];
        var index = 0;
        foreach (var record in Sequences(1).Take(appends).Select(s => Record(Day, s)))
        {
            var mark = Fixture.Writes.Mark();
            await AppendAsync(tenant, record);
            var writes = Fixture.Writes.Since(mark, tenant + "/");
            Assert.NotEmpty(writes);
            bytes[index] = writes.Sum(w => (long)w.Bytes);
            largest[index] = writes.Max(w => w.Bytes);
            index++;
        }

        // By then the day holds about as many records as it may keep, and each append also drops an old segment now
        // and then. A store rewritten whole would write hundreds of times more at the end than at the start.
        Assert.True((await CountAsync(tenant, Day)).Stored >= ClusterFixture.MaxCdrsPerTenantDay);
        var window = 4 * Shards.CdrsPerDay * ClusterFixture.CdrSegmentSize;
        var first = bytes.Take(window).Average();
        var last = bytes.TakeLast(window).Average();
        Assert.True(last <= first * 1.5, $"an append wrote {first:F0} bytes on average at first and {last:F0} at the end");
        Assert.True(largest.TakeLast(window).Max() <= largest.Take(window).Max() * 1.5,
            $"the largest single write grew from {largest.Take(window).Max()} to {largest.TakeLast(window).Max()} bytes");
        Assert.True(bytes[^1] <= bytes.Take(window).Max() * 1.5, $"the last append wrote {bytes[^1]} bytes; the first ones at most {bytes.Take(window).Max()}");
    }

    /// <summary>Appends <paramref name="count"/> records of a day, in end-time order, and answers them.</summary>
    private async Task<List<CdrRecord>> FillAsync(string tenant, DateOnly day, int count)
    {
        var records = Sequences(1).Take(count).Select(s => Record(day, s)).ToList();
        foreach (var record in records)
        {
            await AppendAsync(tenant, record);
        }

        return records;
    }

    private Task AppendAsync(string tenant, CdrRecord record) => Log(tenant, record).AppendAsync(record);

    private ICdrLogGrain Log(string tenant, CdrRecord record) =>
        Pbx.Grains.GetGrain<ICdrLogGrain>(Shards.CdrKey(tenant, DayOf(record), record.UniqueId));

    private async Task<(long Stored, long Appended)> CountAsync(string tenant, DateOnly day)
    {
        var count = await Pbx.CountCdrsAsync(tenant, day);
        return (count.Stored, count.Appended);
    }

    private static IEnumerable<long> Sequences(long from)
    {
        for (var s = from; ; s++)
        {
            yield return s;
        }
    }

    /// <summary>
    /// A call of <paramref name="day"/> whose unique id has <paramref name="sequence"/>: later sequences end later (the
    /// order a reader merges shards in), and the calls' lengths vary, so their unique ids spread over the shards.
    /// </summary>
    private static CdrRecord Record(DateOnly day, long sequence)
    {
        var end = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(1).AddSeconds(sequence);
        var duration = 30 + (int)(sequence * 7919 % 61);
        var start = end.AddSeconds(-duration);
        return new CdrRecord
        {
            UniqueId = UniqueId.Format(start, sequence),
            Start = start,
            Answer = start.AddSeconds(2),
            End = end,
            Duration = duration,
            BillSec = duration - 2,
            Disposition = CdrDisposition.Answered,
            Source = "1000",
            CallerIdName = "User 1000",
            Destination = "1001",
            DestinationContext = "internal",
            Channel = $"SIP/1000-{sequence:x8}",
            DestinationChannel = $"SIP/1001-{sequence + 1:x8}",
            LastApplication = "Dial",
            Channels = [$"SIP/1000-{sequence:x8}", $"SIP/1001-{sequence + 1:x8}"],
        };
    }

    /// <summary>The same record (the collections inside a record compare by reference, so records are compared by their fields' text).</summary>
    private static void Same(CdrRecord expected, CdrRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.UniqueId, expected.Start, expected.End, expected.Duration, string.Join(",", expected.Channels)),
            (actual.UniqueId, actual.Start, actual.End, actual.Duration, string.Join(",", actual.Channels)));
    }

    private static DateOnly DayOf(CdrRecord record) => DateOnly.FromDateTime(record.Start.UtcDateTime);

    private static long SequenceOf(CdrRecord record) => UniqueId.Parse(record.UniqueId)!.Value.Sequence;

    private static string ShardOf(string tenant, CdrRecord record) => Shards.CdrKey(tenant, DayOf(record), record.UniqueId);
}
