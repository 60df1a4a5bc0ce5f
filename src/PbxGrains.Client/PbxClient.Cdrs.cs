using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Client;

/// <summary>
/// Reads of the CDR store. A tenant-day's CDRs are <see cref="Shards.CdrsPerDay"/> append-only logs of fixed-size
/// segments; a reader merges the shards in the order the records were written (by end time), reading one segment
/// of a shard at a time. A call's CDR is found through the sequence index: one bucket, one segment.
/// </summary>
public sealed partial class PbxClient
{
    /// <summary>The most records <see cref="ListCdrsAsync"/> answers: a day listing is bounded, not the whole history.</summary>
    public const int MaxListedCdrs = 100_000;

    /// <summary>The most records one page answers.</summary>
    public const int MaxCdrPage = 10_000;

    /// <summary>
    /// A page of a day's CDRs in the order they were written (end time), after <paramref name="after"/> (null: from the
    /// day's oldest record kept). The page's cursor reads on; it is null when the page reached the newest record.
    /// </summary>
    public async Task<CdrPage> ReadCdrsAsync(string tenant, DateOnly day, CdrCursor? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxCdrPage);
        var shards = await OpenShardsAsync(tenant, day, forward: true, after);
        var records = ImmutableArray.CreateBuilder<CdrRecord>();
        while (records.Count < limit && await NextAsync(shards, forward: true) is { } shard)
        {
            records.Add(shard.Take());
        }

        var more = false;
        foreach (var shard in shards)
        {
            more |= await shard.PeekAsync() is not null;
        }

        return new CdrPage(records.ToImmutable(), more ? new CdrCursor([.. shards.Select(s => s.Position)]) : null);
    }

    /// <summary>
    /// A day's CDRs from the newest written backwards, read a segment at a time as the caller goes on: a search that
    /// stops early (a limit reached, a budget spent) reads only what it looked at.
    /// </summary>
    public async IAsyncEnumerable<CdrRecord> NewestCdrsAsync(string tenant, DateOnly day, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var shards = await OpenShardsAsync(tenant, day, forward: false, null);
        while (!ct.IsCancellationRequested && await NextAsync(shards, forward: false) is { } shard)
        {
            yield return shard.Take();
        }
    }

    /// <summary>
    /// A day's CDRs by start time, at most <see cref="MaxListedCdrs"/> (the oldest kept first): for surfaces whose
    /// answer is a whole day. Paged underneath; use <see cref="ReadCdrsAsync"/> to page yourself.
    /// </summary>
    public async Task<ImmutableArray<CdrRecord>> ListCdrsAsync(string tenant, DateOnly day)
    {
        var all = new List<CdrRecord>();
        CdrCursor? cursor = null;
        do
        {
            var page = await ReadCdrsAsync(tenant, day, cursor, Math.Min(MaxCdrPage, MaxListedCdrs - all.Count));
            all.AddRange(page.Records);
            cursor = page.Next;
        }
        while (cursor is not null && all.Count < MaxListedCdrs);

        return [.. all.OrderBy(c => c.Start).ThenBy(c => c.UniqueId, StringComparer.Ordinal)];
    }

    /// <summary>How many CDRs a tenant-day keeps and how many were ever written to it.</summary>
    public async Task<CdrDayCount> CountCdrsAsync(string tenant, DateOnly day)
    {
        var views = await Task.WhenAll(Shards.AllCdrKeys(tenant, day).Select(k => grains.Ref<ICdrLogGrain>(k).ViewAsync()));
        return new CdrDayCount { Day = day, Stored = views.Sum(v => v.Kept), Appended = views.Sum(v => v.Appended) };
    }

    /// <summary>
    /// The CDR of a call by its unique id (<c>epoch.sequence</c>); null when there is none (yet). The id's epoch is the
    /// call's start, so only that day's index is read (and the next day's, for a call set up across midnight).
    /// </summary>
    public async Task<CdrRecord?> FindCdrAsync(string tenant, string uniqueId)
    {
        if (UniqueId.Parse(uniqueId) is not { } id)
        {
            return null;
        }

        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(id.Epoch).UtcDateTime);
        foreach (var candidate in (DateOnly[])[day, day.AddDays(1)])
        {
            var entries = await grains.Ref<ICdrIndexGrain>(Shards.CdrIndexKey(tenant, candidate, id.Sequence)).FindAsync(id.Sequence);
            if (entries.FirstOrDefault(e => e.UniqueId == uniqueId) is { } entry)
            {
                return await ReadEntryAsync(tenant, candidate, entry);
            }
        }

        return null;
    }

    /// <summary>
    /// The CDR whose unique id has sequence number <paramref name="sequence"/>, looked for in the index of
    /// <paramref name="days"/> days back from <paramref name="newest"/> (one bucket a day); the newest call wins
    /// should two share a number.
    /// </summary>
    public async Task<CdrRecord?> FindCdrBySequenceAsync(string tenant, long sequence, DateOnly newest, int days)
    {
        for (var back = 0; back < days; back++)
        {
            var day = newest.AddDays(-back);
            var entries = await grains.Ref<ICdrIndexGrain>(Shards.CdrIndexKey(tenant, day, sequence)).FindAsync(sequence);
            foreach (var entry in entries.OrderByDescending(e => UniqueId.Parse(e.UniqueId)?.Epoch ?? 0))
            {
                if (await ReadEntryAsync(tenant, day, entry) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The record an index entry points at: in the open segment, or in a sealed one the log still keeps. The log's view
    /// is read first: a segment that retention or a purge gave up is gone for readers at once, even while its grain
    /// has not been dropped yet.
    /// </summary>
    private async Task<CdrRecord?> ReadEntryAsync(string tenant, DateOnly day, CdrIndexEntry entry)
    {
        var logKey = Shards.CdrKey(tenant, day, entry.UniqueId);
        var view = await grains.Ref<ICdrLogGrain>(logKey).ViewAsync();
        if (entry.Segment == view.Open)
        {
            return view.OpenRecords.FirstOrDefault(r => r.UniqueId == entry.UniqueId);
        }

        // Dropped, or claimed by an append that never reached storage in a segment not written yet.
        if (entry.Segment < view.FirstKept || entry.Segment > view.Open)
        {
            return null;
        }

        var segment = grains.Ref<ICdrSegmentGrain>(Shards.CdrSegmentKey(logKey, entry.Segment));
        return (await segment.ReadAsync()).FirstOrDefault(r => r.UniqueId == entry.UniqueId);
    }

    /// <summary>
    /// Drops every CDR of a tenant (its deletion): each log the tenant's directory knows gives its records up at once
    /// for readers and drops its sealed segments in the background, a few at a time, so no step writes much.
    /// </summary>
    public async Task PurgeCdrsAsync(string tenant)
    {
        var directory = grains.Ref<ICdrLogDirectoryGrain>(tenant);
        var logs = await directory.ListAsync();
        await Task.WhenAll(logs.Select(k => grains.Ref<ICdrLogGrain>(k).PurgeAsync()));
        await directory.RemoveAsync(logs);
    }

    private async Task<CdrShardReader[]> OpenShardsAsync(string tenant, DateOnly day, bool forward, CdrCursor? after)
    {
        var keys = Shards.AllCdrKeys(tenant, day).ToArray();
        var views = await Task.WhenAll(keys.Select(k => grains.Ref<ICdrLogGrain>(k).ViewAsync()));
        return [.. keys.Select((k, i) => new CdrShardReader(grains, k, views[i], forward,
            after is not null && after.Positions.Length == keys.Length ? after.Positions[i] : null))];
    }

    /// <summary>The shard whose next record comes first (oldest end first going forward, newest going backward).</summary>
    private static async Task<CdrShardReader?> NextAsync(CdrShardReader[] shards, bool forward)
    {
        CdrShardReader? best = null;
        CdrRecord? bestHead = null;
        foreach (var shard in shards)
        {
            if (await shard.PeekAsync() is not { } head)
            {
                continue;
            }

            var order = bestHead is null ? -1 : Compare(head, bestHead);
            if (bestHead is null || (forward ? order < 0 : order > 0))
            {
                (best, bestHead) = (shard, head);
            }
        }

        return best;
    }

    private static int Compare(CdrRecord a, CdrRecord b)
    {
        var byEnd = a.End.CompareTo(b.End);
        return byEnd != 0 ? byEnd : string.CompareOrdinal(a.UniqueId, b.UniqueId);
    }

    /// <summary>
    /// One shard's records in position order from a view taken when the read began: sealed segments are read from
    /// their grains one at a time, the open segment's records come with the view.
    /// </summary>
    private sealed class CdrShardReader(IGrainFactory grains, string logKey, CdrLogView view, bool forward, long? from)
    {
        private long _segment = -1;
        private ImmutableArray<CdrRecord> _records = [];

        /// <summary>The next record's position going forward; the next record's going backward.</summary>
        public long Position { get; private set; } = forward ? Math.Max(from ?? 0, view.Start) : Math.Min(from ?? long.MaxValue, view.End - 1);

        public async Task<CdrRecord?> PeekAsync()
        {
            while (forward ? Position < view.End : Position >= view.Start && Position >= 0)
            {
                var segment = Position / view.SegmentSize;
                if (segment != _segment)
                {
                    _records = segment == view.Open
                        ? view.OpenRecords
                        : await grains.Ref<ICdrSegmentGrain>(Shards.CdrSegmentKey(logKey, segment)).ReadAsync();
                    _segment = segment;
                }

                var offset = (int)(Position - segment * view.SegmentSize);
                if (offset < _records.Length)
                {
                    return _records[offset];
                }

                // A segment dropped by retention since the view was taken: the reader skips it.
                Position = forward ? (segment + 1) * view.SegmentSize : segment * view.SegmentSize - 1;
            }

            return null;
        }

        /// <summary>The record <see cref="PeekAsync"/> answered last; the reader moves past it.</summary>
        public CdrRecord Take()
        {
            var record = _records[(int)(Position - _segment * view.SegmentSize)];
            Position += forward ? 1 : -1;
            return record;
        }
    }
}
