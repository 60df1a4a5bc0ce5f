using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

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
