using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A segment of a recording store (key <c>{tenant}/{generation}/{segment}</c>): the files at a fixed-size run of
/// positions. Sealed once by its store when the run is complete; afterwards a move rewrites one entry and a delete or
/// the store's bound removes entries, so every write is at most a segment's worth. Calls no other grain.
/// </summary>
[Alias("pbx.IRecordingSegmentGrain")]
public interface IRecordingSegmentGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="entries"/> as the segment (its store's authoritative content for the run).</summary>
    [Alias("Seal")]
    Task SealAsync(ImmutableArray<RecordingEntry> entries);

    /// <summary>Every entry, by position.</summary>
    [ReadOnly, Alias("Read")]
    Task<ImmutableArray<RecordingEntry>> ReadAsync();

    /// <summary>The entries at these positions (those the segment has).</summary>
    [ReadOnly, Alias("Get")]
    Task<ImmutableArray<RecordingEntry>> GetAsync(ImmutableArray<long> positions);

    /// <summary>Replaces the entry at <paramref name="entry"/>'s position (a move); false when there is none.</summary>
    [Alias("Replace")]
    Task<bool> ReplaceAsync(RecordingEntry entry);

    /// <summary>Removes the entries at these positions and answers them.</summary>
    [Alias("Remove")]
    Task<ImmutableArray<RecordingEntry>> RemoveAsync(ImmutableArray<long> positions);

    /// <summary>Removes and answers the entry with the lowest position at or after <paramref name="from"/>; null when none.</summary>
    [Alias("RemoveOldest")]
    Task<RecordingEntry?> RemoveOldestAsync(long from);

    /// <summary>Forgets the segment (a purge) and answers what it held.</summary>
    [Alias("Drop")]
    Task<ImmutableArray<RecordingEntry>> DropAsync();
}
