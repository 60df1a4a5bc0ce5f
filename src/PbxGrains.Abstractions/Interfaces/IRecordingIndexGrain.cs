using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// One bucket of a recording store's index by call (key <c>{tenant}/{generation}/s{n}</c> for the calls whose unique
/// ids have sequence numbers of one run, <c>…/h{n}</c> by hash for other ids): where each recording of those calls is.
/// Holds a few entries per call of its run, whatever the store holds. Calls no other grain.
/// </summary>
[Alias("pbx.IRecordingIndexGrain")]
public interface IRecordingIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the entry unless the recording (call and recorded-as name) has one: then it answers that one.</summary>
    [Alias("Claim")]
    Task<RecordingIndexEntry?> ClaimAsync(RecordingIndexEntry entry);

    /// <summary>Adds or replaces the entries of these recordings.</summary>
    [Alias("Set")]
    Task SetAsync(ImmutableArray<RecordingIndexEntry> entries);

    [ReadOnly, Alias("Read")]
    Task<ImmutableArray<RecordingIndexEntry>> ReadAsync();

    /// <summary>Removes these entries (an entry that points elsewhere by now stays).</summary>
    [Alias("Remove")]
    Task RemoveAsync(ImmutableArray<RecordingIndexEntry> entries);

    [Alias("Clear")]
    Task ClearAsync();
}
