using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// A tenant's recording store: a durable simulated file tree (see <see cref="IRecordingStoreGrain"/>). It awaits
/// nothing but its storage, so calls may tell it one way and surfaces may await it. One grain per tenant is enough:
/// it hears of recorded calls only (one one-way message each, like one CDR line), never of every call or poll.
/// </summary>
public sealed class RecordingStoreGrain(
    [PersistentState("recordings", PbxStorage.Name)] IPersistentState<RecordingStoreState> state) : Grain, IRecordingStoreGrain
{
    public async Task AddAsync(RecordingFile file)
    {
        var current = state.State;
        if (current.Files.Values.Any(f => f.CallId == file.CallId && f.RecordedAs == file.RecordedAs))
        {
            return;
        }

        // Like a recorder that cannot open its file: nothing is written where the PBX may not write, and nothing
        // replaces another call's recording.
        var folders = RecordingTree.Create(current.Folders, file.Folder);
        if (folders is null || !RecordingTree.IsWritable(file.Folder) || current.Files.ContainsKey(file.Path))
        {
            return;
        }

        state.State = current with { Files = current.Files.SetItem(file.Path, file), Folders = folders };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<RecordingFile>> ListAsync() =>
        Task.FromResult<ImmutableArray<RecordingFile>>([.. state.State.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)]);

    public Task<ImmutableArray<RecordingFile>> FindByCallAsync(string callId) =>
        Task.FromResult<ImmutableArray<RecordingFile>>([.. state.State.Files.Values.Where(f => f.CallId == callId).OrderBy(f => f.Created)]);

    public async Task<PbxResult<RecordingFile>> MoveAsync(string callId, string recordedAs, string? folder, string? name)
    {
        var current = state.State;
        var file = current.Files.Values.FirstOrDefault(f => f.CallId == callId && f.RecordedAs == recordedAs);
        if (file is null)
        {
            return PbxResult<RecordingFile>.Fail(DomainError.RecordingNotFound, recordedAs);
        }

        var target = folder is null ? file.Folder : RecordingPaths.NormalizeFolder(folder);
        var newName = name ?? file.Name;
        if (target is null)
        {
            return PbxResult<RecordingFile>.Fail(DomainError.FolderNotCreatable, folder);
        }

        var folders = RecordingTree.Create(current.Folders, target);
        if (folders is null)
        {
            return PbxResult<RecordingFile>.Fail(DomainError.FolderNotCreatable, target);
        }

        var moved = file with { Folder = target, Name = newName };
        if (!RecordingPaths.IsFileName(newName) || !RecordingTree.IsWritable(target) ||
            (moved.Path != file.Path && current.Files.ContainsKey(moved.Path)))
        {
            return PbxResult<RecordingFile>.Fail(DomainError.DestinationNotWritable, moved.Path);
        }

        state.State = current with { Files = current.Files.Remove(file.Path).SetItem(moved.Path, moved), Folders = folders };
        await state.WriteStateAsync();
        return PbxResult<RecordingFile>.Success(moved);
    }

    public async Task<PbxResult> DeleteAsync(string path)
    {
        if (!state.State.Files.ContainsKey(path))
        {
            return PbxResult.Fail(DomainError.RecordingNotFound, path);
        }

        state.State = state.State with { Files = state.State.Files.Remove(path) };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public Task<bool> FolderExistsAsync(string folder) =>
        Task.FromResult(RecordingPaths.NormalizeFolder(folder) is { } normal && (state.State.Folders.Contains(normal) || RecordingTree.Skeleton.Contains(normal)));
}

[GenerateSerializer, Alias("pbx.recording-store-state")]
public sealed record class RecordingStoreState
{
    /// <summary>Files by path.</summary>
    [Id(0)] public ImmutableDictionary<string, RecordingFile> Files { get; init; } = ImmutableDictionary<string, RecordingFile>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Folders created beyond the skeleton.</summary>
    [Id(1)] public ImmutableHashSet<string> Folders { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
}
