using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Cdrs;

/// <summary>
/// The writer of one shard of a tenant-day's CDRs (see <see cref="ICdrLogGrain"/>). An append claims the call's entry
/// in the sequence index (which makes a retried append of a call already kept a no-op without reading what was
/// written), adds the record to the open segment and writes the open segment and the counters: at most
/// <see cref="CdrStoreOptions.SegmentSize"/> records, whatever the day holds. A full segment is sealed into its own
/// grain, written once; past <see cref="CdrStoreOptions.MaxRecordsPerTenantDay"/> the oldest sealed segment is
/// dropped with its index entries. The first append of a day registers the log with the tenant's
/// <see cref="ICdrLogDirectoryGrain"/> and drops the shard's days past <see cref="CdrStoreOptions.RetentionDays"/>.
/// Awaits only grains that never call a log back (segments, index buckets, the directory, the logs of older days).
/// </summary>
public sealed partial class CdrLogGrain(
    [PersistentState("cdrs", PbxStorage.Name)] IPersistentState<CdrLogState> state,
    IOptions<CdrStoreOptions> options,
    ILogger<CdrLogGrain> logger) : Grain, ICdrLogGrain
{
    /// <summary>Sealed segments a purge drops per timer tick, so a purged day leaves storage in small steps.</summary>
    private const int DropBatch = 16;

    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private string _tenant = "";
    private DateOnly _day;
    private int _shard;
    private CdrLogView? _view;
    private IGrainTimer? _dropping;

    /// <summary>
    /// The size this log was started with: positions and cursors are counted in it, so a change of configuration
    /// applies to logs started after it. A log written before the size was kept in its state used 64.
    /// </summary>
    private int SegmentSize => state.State.SegmentSize > 0 ? state.State.SegmentSize
        : state.RecordExists ? CdrStoreOptions.LegacySegmentSize
        : options.Value.Segment;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _day, _shard) = Shards.ParseCdrKey(this.GetPrimaryKeyString());

        // A log written whole by an older build holds more than a segment: it is sealed into segments once.
        while (state.State.Records.Length >= SegmentSize)
        {
            var s = state.State;
            await Segment(s.Open).SealAsync([.. s.Records.Take(SegmentSize)]);
            state.State = s with { Open = s.Open + 1, Records = [.. s.Records.Skip(SegmentSize)] };
            await state.WriteStateAsync(cancellationToken);
        }

        // A log written before tenants had a directory of logs joins it when it is next activated, so a deletion of
        // the tenant finds it too (a log that is already there costs a lookup and no write).
        if (state.RecordExists && state.State.Started)
        {
            await GrainFactory.Ref<ICdrLogDirectoryGrain>(_tenant).AddAsync(this.GetPrimaryKeyString());
        }

        _open.UnionWith(state.State.Records.Select(r => r.UniqueId));
        if (state.State.DropTo > state.State.DropFrom)
        {
            StartDropping();
        }
    }

    public async Task AppendAsync(CdrRecord record)
    {
        if (_open.Contains(record.UniqueId))
        {
            return;
        }

        var current = state.State;
        if (UniqueId.Parse(record.UniqueId) is { } id)
        {
            var entry = new CdrIndexEntry { Sequence = id.Sequence, UniqueId = record.UniqueId, Segment = current.Open };
            var claimed = await Index(id.Sequence).ClaimAsync(entry);

            // Claimed before in a segment now sealed (or dropped): kept already. A claim for the open segment whose
            // record is not in it is an append that did not reach storage: it is made now.
            if (claimed is not null && claimed.Segment != current.Open)
            {
                return;
            }
        }

        if (!current.Started)
        {
            await StartDayAsync();
        }

        var records = current.Records.Add(record);
        CdrLogState next;
        if (records.Length < SegmentSize)
        {
            next = current with { Records = records, Appended = current.Appended + 1, Started = true, SegmentSize = SegmentSize };
        }
        else
        {
            await Segment(current.Open).SealAsync(records);
            next = current with { Open = current.Open + 1, Records = [], Appended = current.Appended + 1, Started = true, SegmentSize = SegmentSize };
            if (next.Open - next.FirstKept > options.Value.MaxSealedSegments(Shards.CdrsPerDay, SegmentSize))
            {
                await DropSegmentAsync(next.FirstKept);
                next = next with { FirstKept = next.FirstKept + 1 };
            }
        }

        await CommitAsync(next);
        if (next.Records.IsEmpty)
        {
            _open.Clear();
        }
        else
        {
            _open.Add(record.UniqueId);
        }
    }

    public Task<CdrLogView> ViewAsync() => Task.FromResult(_view ??= new CdrLogView
    {
        SegmentSize = SegmentSize,
        FirstKept = state.State.FirstKept,
        Open = state.State.Open,
        OpenRecords = state.State.Records,
        Appended = state.State.Appended,
    });

    public async Task PurgeAsync()
    {
        var current = state.State;
        if (!state.RecordExists || (current.Records.IsEmpty && current.FirstKept == current.Open))
        {
            // A drop under way keeps the activation (and its timer) until it is done.
            if (_dropping is null)
            {
                DeactivateOnIdle();
            }

            return;
        }

        await RemoveFromIndexAsync(current.Records);

        // Nothing is kept from now on; the sealed segments are dropped by the timer, a few at a time. Records appended
        // afterwards (a late call of the day, a new tenant of a deleted one's id) start the day again: the log registers
        // anew, and its new segments follow the dropped ones.
        await CommitAsync(current with
        {
            Records = [],
            FirstKept = current.Open,
            DropFrom = Math.Min(current.DropFrom == current.DropTo ? current.FirstKept : current.DropFrom, current.FirstKept),
            DropTo = current.Open,
            Started = false,
        });
        _open.Clear();
        StartDropping();
    }

    private void StartDropping() =>
        _dropping ??= this.RegisterGrainTimer(DropBatchAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(200)) { KeepAlive = true });

    private async Task DropBatchAsync(CancellationToken ct)
    {
        var current = state.State;
        var to = Math.Min(current.DropTo, current.DropFrom + DropBatch);
        for (var segment = current.DropFrom; segment < to; segment++)
        {
            await DropSegmentAsync(segment);
        }

        if (to < current.DropTo)
        {
            await CommitAsync(current with { DropFrom = to });
            return;
        }

        _dropping?.Dispose();
        _dropping = null;
        if (current.Records.IsEmpty && current.FirstKept == current.Open)
        {
            // The day is gone: its log forgets itself too (a late call of that day would start it afresh).
            await state.ClearStateAsync(ct);
            state.State = new CdrLogState();
            _view = null;
            DeactivateOnIdle();
            return;
        }

        // Records appended since the purge stay, and so does the numbering of their segments.
        await CommitAsync(current with { DropFrom = to });
    }

    /// <summary>
    /// The day's first append: the log joins the tenant's directory (before its first record is kept, so a deletion of
    /// the tenant finds it), then the shard's days past the retention are dropped: every one the directory knows, and
    /// a few before the edge in case they were written before there was a directory.
    /// </summary>
    private async Task StartDayAsync()
    {
        var directory = GrainFactory.Ref<ICdrLogDirectoryGrain>(_tenant);
        var logs = await directory.AddAsync(this.GetPrimaryKeyString());

        var o = options.Value;
        var edge = _day.AddDays(-Math.Max(1, o.RetentionDays));
        var past = logs.Where(k => Shards.ParseCdrKey(k) is var (_, day, shard) && shard == _shard && day <= edge).ToImmutableArray();
        var lookback = Enumerable.Range(0, Math.Max(0, o.PurgeLookbackDays) + 1).Select(k => Shards.CdrShardKey(_tenant, edge.AddDays(-k), _shard));
        try
        {
            await Task.WhenAll(past.Union(lookback).Select(k => GrainFactory.Ref<ICdrLogGrain>(k).PurgeAsync()));
            if (!past.IsEmpty)
            {
                await directory.RemoveAsync(past);
            }
        }
        catch (Exception error)
        {
            // Retention is housekeeping: the call's record is written all the same; the next day tries again.
            LogPurgeFailed(this.GetPrimaryKeyString(), error);
        }
    }

    private async Task DropSegmentAsync(long segment)
    {
        var dropped = await Segment(segment).DropAsync();
        await RemoveFromIndexAsync(dropped);
    }

    private Task RemoveFromIndexAsync(ImmutableArray<CdrRecord> records) =>
        Task.WhenAll(records
            .Select(r => (r.UniqueId, Id: UniqueId.Parse(r.UniqueId)))
            .Where(r => r.Id is not null)
            .GroupBy(r => r.Id!.Value.Sequence / Shards.CdrIndexBucket)
            .Select(g => Index(g.First().Id!.Value.Sequence).RemoveAsync([.. g.Select(r => r.UniqueId)])));

    /// <summary>Writes <paramref name="next"/>; when storage refuses it, the state in memory stays what storage has.</summary>
    private async Task CommitAsync(CdrLogState next)
    {
        await state.CommitAsync(next);

        _view = null;
    }

    private ICdrSegmentGrain Segment(long segment) =>
        GrainFactory.Ref<ICdrSegmentGrain>(Shards.CdrSegmentKey(this.GetPrimaryKeyString(), segment));

    private ICdrIndexGrain Index(long sequence) => GrainFactory.Ref<ICdrIndexGrain>(Shards.CdrIndexKey(_tenant, _day, sequence));

    [LoggerMessage(LogLevel.Warning, "CDR log {Log} could not drop the days past the retention.")]
    private partial void LogPurgeFailed(string log, Exception error);
}

/// <summary>
/// A CDR log's persisted state: the open segment's records and counters, never the sealed segments. Segments
/// [<see cref="FirstKept"/>, <see cref="Open"/>) are sealed; [<see cref="DropFrom"/>, <see cref="DropTo"/>) are being dropped.
/// </summary>
[GenerateSerializer, Alias("pbx.cdr-log-state")]
public sealed record class CdrLogState
{
    /// <summary>The open segment's records (an older build kept the whole day here).</summary>
    [Id(0)] public ImmutableArray<CdrRecord> Records { get; init; } = [];

    [Id(1)] public long Open { get; init; }

    [Id(2)] public long FirstKept { get; init; }

    [Id(3)] public long Appended { get; init; }

    /// <summary>Whether the day has had its first append (which drops the days past the retention).</summary>
    [Id(4)] public bool Started { get; init; }

    [Id(5)] public long DropFrom { get; init; }

    [Id(6)] public long DropTo { get; init; }

    /// <summary>Records per segment of this log (0: written before it was kept, see <see cref="CdrStoreOptions.LegacySegmentSize"/>).</summary>
    [Id(7)] public int SegmentSize { get; init; }
}
