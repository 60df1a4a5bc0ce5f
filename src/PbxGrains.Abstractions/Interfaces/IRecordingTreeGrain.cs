using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

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
