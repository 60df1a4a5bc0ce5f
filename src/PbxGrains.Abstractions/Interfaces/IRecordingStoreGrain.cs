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
