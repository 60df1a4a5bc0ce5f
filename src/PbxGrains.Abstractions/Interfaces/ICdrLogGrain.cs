using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// The writer of one shard of a tenant's CDRs for one day (key <c>{tenant}/{yyyyMMdd}/{shard}</c>): an append-only log
/// of fixed-size segments. Its state is the open segment and a few counters only; a full segment is sealed into its
/// own <see cref="ICdrSegmentGrain"/> (written once), so an append costs the same whatever the day holds. Calls only
/// the grains of its own log (segments, the sequence index, the writers of days past the retention).
/// </summary>
[Alias("pbx.ICdrLogGrain")]
public interface ICdrLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a call's record; a retried append of a call already kept changes nothing.</summary>
    [Alias("Append")]
    Task AppendAsync(CdrRecord record);

    /// <summary>Where the log stands (its kept segments, the open segment's records): what a reader pages from.</summary>
    [ReadOnly, Alias("View")]
    Task<CdrLogView> ViewAsync();

    /// <summary>Drops the whole day (retention): reads see nothing at once; the sealed segments go in the background.</summary>
    [Alias("Purge")]
    Task PurgeAsync();
}

/// <summary>
/// One sealed segment of a CDR log (key <c>{tenant}/{yyyyMMdd}/{shard}/{segment}</c>): written once by its log's
/// writer, read many times, dropped whole by retention. Calls no other grain.
/// </summary>
[Alias("pbx.ICdrSegmentGrain")]
public interface ICdrSegmentGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="records"/>; a segment already sealed keeps what it has (a retried seal).</summary>
    [Alias("Seal")]
    Task SealAsync(ImmutableArray<CdrRecord> records);

    /// <summary>The segment's records in append order; empty when it is not sealed (yet) or was dropped.</summary>
    [ReadOnly, Alias("Read")]
    Task<ImmutableArray<CdrRecord>> ReadAsync();

    /// <summary>Forgets the records (retention) and answers them, so their index entries can go too.</summary>
    [Alias("Drop")]
    Task<ImmutableArray<CdrRecord>> DropAsync();
}

/// <summary>
/// The index of a tenant-day's CDRs by unique-id sequence number, in buckets of consecutive numbers (key
/// <c>{tenant}/{yyyyMMdd}/{bucket}</c>, see <see cref="Ids.Shards.CdrIndexKey"/>): a bucket holds at most a bucket's
/// worth of entries, so a claim, a lookup and a removal cost the same whatever the day holds. Calls no other grain.
/// </summary>
[Alias("pbx.ICdrIndexGrain")]
public interface ICdrIndexGrain : IGrainWithStringKey
{
    /// <summary>Records where a call's CDR goes, unless the call has an entry already: then it answers that entry.</summary>
    [Alias("Claim")]
    Task<CdrIndexEntry?> ClaimAsync(CdrIndexEntry entry);

    /// <summary>The entries of a sequence number (normally one).</summary>
    [ReadOnly, Alias("Find")]
    Task<ImmutableArray<CdrIndexEntry>> FindAsync(long sequence);

    [Alias("Remove")]
    Task RemoveAsync(ImmutableArray<string> uniqueIds);
}

/// <summary>
/// Hands out blocks of a tenant's sequence numbers (key: the tenant id), so unique ids and channel names stay unique
/// across silos without a grain call per id.
/// </summary>
[Alias("pbx.IIdAllocatorGrain")]
public interface IIdAllocatorGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="size"/> numbers and returns the first.</summary>
    [Alias("NextBlock")]
    Task<long> NextBlockAsync(int size);
}

/// <summary>
/// The CDR logs a tenant has written (key: the tenant id; entries are log keys <c>{tenant}/{yyyyMMdd}/{shard}</c>): a
/// log registers itself before its day's first record is kept, and leaves when retention drops its day. Retention
/// and the deletion of the tenant read it, so no day is missed however long ago it was written. It holds a few
/// entries per retained day and calls no other grain.
/// </summary>
[Alias("pbx.ICdrLogDirectoryGrain")]
public interface ICdrLogDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Registers a log (once) and answers every log the tenant has registered.</summary>
    [Alias("Add")]
    Task<ImmutableArray<string>> AddAsync(string logKey);

    [ReadOnly, Alias("List")]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>Forgets logs whose records have been dropped (retention, the tenant's deletion).</summary>
    [Alias("Remove")]
    Task RemoveAsync(ImmutableArray<string> logKeys);
}
