using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// One bucket of a recording store's tree (see <see cref="IRecordingTreeGrain"/>): the paths that hash to it, so a
/// lookup and a change cost the bucket's size, which the store's bound and its number of buckets keep small. An
/// emptied bucket leaves storage.
/// </summary>
public sealed class RecordingTreeGrain(
    [PersistentState("recording-tree", PbxStorage.Name)] IPersistentState<RecordingTreeState> state) : Grain, IRecordingTreeGrain
{
    public Task<RecordingPathInfo> FindAsync(string path) => Task.FromResult(new RecordingPathInfo
    {
        File = state.State.Files.TryGetValue(path, out var position) ? position : null,
        Folder = state.State.Folders.Contains(path),
    });

    public async Task<long?> ClaimFileAsync(string path, long position)
    {
        if (state.State.Files.TryGetValue(path, out var owner))
        {
            return owner == position ? null : owner;
        }

        await KeepAsync(state.State with { Files = state.State.Files.SetItem(path, position) });
        return null;
    }

    public Task SetFilesAsync(ImmutableDictionary<string, long> files) =>
        KeepAsync(state.State with { Files = state.State.Files.SetItems(files) });

    public async Task RemoveFilesAsync(ImmutableDictionary<string, long> files)
    {
        var gone = files.Where(f => state.State.Files.TryGetValue(f.Key, out var owner) && owner == f.Value).Select(f => f.Key).ToList();
        if (gone.Count > 0)
        {
            await KeepAsync(state.State with { Files = state.State.Files.RemoveRange(gone) });
        }
    }

    public async Task AddFoldersAsync(ImmutableArray<string> folders)
    {
        var all = state.State.Folders.Union(folders);
        if (all.Count != state.State.Folders.Count)
        {
            await KeepAsync(state.State with { Folders = all });
        }
    }

    public Task ClearAsync() => KeepAsync(new RecordingTreeState());

    private async Task KeepAsync(RecordingTreeState next)
    {
        if (!next.Files.IsEmpty || !next.Folders.IsEmpty)
        {
            await state.CommitAsync(next);
            return;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new RecordingTreeState();
        DeactivateOnIdle();
    }
}

[GenerateSerializer, Alias("pbx.recording-tree-state")]
public sealed record class RecordingTreeState
{
    /// <summary>Files by path: their positions in the store.</summary>
    [Id(0)] public ImmutableDictionary<string, long> Files { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Folders created beyond the skeleton.</summary>
    [Id(1)] public ImmutableHashSet<string> Folders { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
}
