using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// A tenant's recording store: a durable simulated file tree (see <see cref="IRecordingStoreGrain"/>). It awaits
/// nothing but its storage, so calls may tell it one way and surfaces may await it. One grain per tenant is enough:
/// it hears of recorded calls only (one one-way message each, like one CDR line), never of every call or poll.
/// Its lookups go through a <see cref="RecordingIndex"/> rebuilt on activation, and it keeps at most
/// <see cref="RecordingStoreOptions.MaxFilesPerTenant"/> files, the oldest going first. A change is kept in memory only
/// once storage has it, so what a surface reads is always what a reactivation would read.
/// </summary>
public sealed partial class RecordingStoreGrain(
    [PersistentState("recordings", PbxStorage.Name)] IPersistentState<RecordingStoreState> state,
    IOptions<RecordingStoreOptions> options,
    ILogger<RecordingStoreGrain> logger) : Grain, IRecordingStoreGrain
{
    private RecordingIndex _index = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = RecordingIndex.Build(state.State.Files.Values);
        return Task.CompletedTask;
    }

    public async Task AddAsync(RecordingFile file)
    {
        var current = state.State;
        if (_index.PathOf(file.CallId, file.RecordedAs) is not null)
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

        var evicted = _index.Oldest(_index.Count + 1 - Math.Max(1, options.Value.MaxFilesPerTenant)).Select(p => current.Files[p]).ToList();
        var files = current.Files.RemoveRange(evicted.Select(f => f.Path)).SetItem(file.Path, file);
        try
        {
            await state.CommitAsync(current with { Files = files, Folders = folders });
        }
        catch (Exception error)
        {
            // One way: nobody waits for an answer, so the failure is logged and the store stays as storage has it.
            LogAddFailed(this.GetPrimaryKeyString(), file.Path, error);
            return;
        }

        foreach (var old in evicted)
        {
            _index.Remove(old);
        }

        _index.Add(file);
    }

    public Task<ImmutableArray<RecordingFile>> ListAsync() =>
        Task.FromResult<ImmutableArray<RecordingFile>>([.. state.State.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)]);

    public Task<ImmutableArray<RecordingFile>> FindByCallAsync(string callId) =>
        Task.FromResult(FilesOfCalls([callId]));

    public Task<ImmutableArray<RecordingFile>> FindBySequenceAsync(long sequence) =>
        Task.FromResult(FilesOfCalls(_index.CallsWithSequence(sequence)));

    public async Task<PbxResult<RecordingFile>> MoveAsync(string callId, string recordedAs, string? folder, string? name)
    {
        var current = state.State;
        if (_index.PathOf(callId, recordedAs) is not { } path || !current.Files.TryGetValue(path, out var file))
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

        await state.CommitAsync(current with { Files = current.Files.Remove(file.Path).SetItem(moved.Path, moved), Folders = folders });
        _index.Move(moved);
        return PbxResult<RecordingFile>.Success(moved);
    }

    public async Task<PbxResult> DeleteAsync(string path)
    {
        if (!state.State.Files.TryGetValue(path, out var file))
        {
            return PbxResult.Fail(DomainError.RecordingNotFound, path);
        }

        await state.CommitAsync(state.State with { Files = state.State.Files.Remove(path) });
        _index.Remove(file);
        return PbxResult.Ok;
    }

    public Task<bool> FolderExistsAsync(string folder) =>
        Task.FromResult(RecordingPaths.NormalizeFolder(folder) is { } normal && (state.State.Folders.Contains(normal) || RecordingTree.Skeleton.Contains(normal)));

    private ImmutableArray<RecordingFile> FilesOfCalls(IEnumerable<string> callIds)
    {
        var files = state.State.Files;
        return [.. callIds.SelectMany(_index.PathsOfCall).Select(p => files[p]).OrderBy(f => f.Created).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    [LoggerMessage(LogLevel.Warning, "Tenant {Tenant}'s recording store could not keep {Path}: storage refused the write.")]
    private partial void LogAddFailed(string tenant, string path, Exception error);
}

[GenerateSerializer, Alias("pbx.recording-store-state")]
public sealed record class RecordingStoreState
{
    /// <summary>Files by path.</summary>
    [Id(0)] public ImmutableDictionary<string, RecordingFile> Files { get; init; } = ImmutableDictionary<string, RecordingFile>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Folders created beyond the skeleton.</summary>
    [Id(1)] public ImmutableHashSet<string> Folders { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
}
