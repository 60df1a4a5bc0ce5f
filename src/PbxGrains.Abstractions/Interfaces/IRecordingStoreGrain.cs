using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A tenant's recording store (key: the tenant id): a simulated file tree of the calls' recordings that moves and
/// renames act on. Calls add the files they record one way (so no call ever waits for it). It awaits only the grains
/// its files are kept in (<see cref="IRecordingSegmentGrain"/>, <see cref="IRecordingIndexGrain"/>,
/// <see cref="IRecordingTreeGrain"/>), which call no other grain; so adding, finding, moving or deleting a file costs
/// the same whatever the store holds.
/// <para>
/// The tree is a Linux box's: <c>/</c>, <c>/etc</c>, <c>/usr</c>, <c>/proc</c>, <c>/var</c> and <c>/var/spool</c>
/// exist and cannot be written; <c>/var/spool/asterisk</c> (with <c>monitor</c>, where recordings go by default),
/// <c>/mnt</c> and <c>/tmp</c> and everything below them can. A missing folder is created (as <c>mkdir -p</c>) when
/// its nearest existing ancestor is writable. A recording into a folder that cannot be written is not made.
/// </para>
/// </summary>
[Alias("pbx.IRecordingStoreGrain")]
public interface IRecordingStoreGrain : IGrainWithStringKey
{
    /// <summary>A call started writing a recording (one way: a call never waits for the store).</summary>
    [OneWay, Alias("Add")]
    Task AddAsync(RecordingFile file);

    /// <summary>Every file the store keeps, by path: a listing of the whole store (which its bound keeps finite).</summary>
    [ReadOnly, Alias("List")]
    Task<ImmutableArray<RecordingFile>> ListAsync();

    /// <summary>The recordings of one call, as they are now (moved or not).</summary>
    [ReadOnly, Alias("FindByCall")]
    Task<ImmutableArray<RecordingFile>> FindByCallAsync(string callId);

    /// <summary>
    /// The recordings of the calls whose unique id ends in sequence number <paramref name="sequence"/>
    /// (<c>&lt;epoch&gt;.&lt;sequence&gt;</c>), oldest first; found by an index, not a scan.
    /// </summary>
    [ReadOnly, Alias("FindBySequence")]
    Task<ImmutableArray<RecordingFile>> FindBySequenceAsync(long sequence);

    /// <summary>
    /// Moves and/or renames the recording that call <paramref name="callId"/> recorded as <paramref name="recordedAs"/>
    /// (a null folder keeps its folder, a null name its name). Refusals: <see cref="DomainError.RecordingNotFound"/>
    /// (no such file), <see cref="DomainError.FolderNotCreatable"/> (the folder is missing and cannot be created),
    /// <see cref="DomainError.DestinationNotWritable"/> (the folder cannot be written, or another file has the name).
    /// </summary>
    [Alias("Move")]
    Task<PbxResult<RecordingFile>> MoveAsync(string callId, string recordedAs, string? folder, string? name);

    /// <summary>Deletes the file at <paramref name="path"/> (as <c>rm</c>).</summary>
    [Alias("Delete")]
    Task<PbxResult> DeleteAsync(string path);

    /// <summary>Whether a folder exists in the tree.</summary>
    [ReadOnly, Alias("FolderExists")]
    Task<bool> FolderExistsAsync(string folder);

    /// <summary>
    /// Forgets every file and folder (the tenant is deleted): readers see an empty tree at once; what was kept leaves
    /// storage in the background, a few grains at a time.
    /// </summary>
    [Alias("Purge")]
    Task PurgeAsync();
}

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

/// <summary>
/// One bucket of a recording store's tree (key <c>{tenant}/{generation}/{bucket}</c>, paths spread by hash over a number
/// of buckets fixed when the store is made): the files (path to position) and created folders whose paths hash to it.
/// Calls no other grain.
/// </summary>
[Alias("pbx.IRecordingTreeGrain")]
public interface IRecordingTreeGrain : IGrainWithStringKey
{
    [ReadOnly, Alias("Find")]
    Task<RecordingPathInfo> FindAsync(string path);

    /// <summary>Records a file at <paramref name="path"/> unless another position has it: then it answers that position.</summary>
    [Alias("ClaimFile")]
    Task<long?> ClaimFileAsync(string path, long position);

    /// <summary>Records these files (path to position), replacing what the paths had.</summary>
    [Alias("SetFiles")]
    Task SetFilesAsync(ImmutableDictionary<string, long> files);

    /// <summary>Removes these files (a path that another position has by now stays).</summary>
    [Alias("RemoveFiles")]
    Task RemoveFilesAsync(ImmutableDictionary<string, long> files);

    [Alias("AddFolders")]
    Task AddFoldersAsync(ImmutableArray<string> folders);

    [Alias("Clear")]
    Task ClearAsync();
}
