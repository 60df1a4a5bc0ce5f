using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// One bucket of a recording store's index by call (see <see cref="IRecordingIndexGrain"/>). Its entries are the
/// recordings of one run of calls, so every operation scans and writes that many at most. An emptied bucket leaves storage.
/// </summary>
public sealed class RecordingIndexGrain(
    [PersistentState("recording-index", PbxStorage.Name)] IPersistentState<RecordingIndexState> state) : Grain, IRecordingIndexGrain
{
    public async Task<RecordingIndexEntry?> ClaimAsync(RecordingIndexEntry entry)
    {
        if (state.State.Entries.FirstOrDefault(e => SameRecording(e, entry)) is { } existing)
        {
            return existing;
        }

        await KeepAsync(state.State.Entries.Add(entry));
        return null;
    }

    public Task SetAsync(ImmutableArray<RecordingIndexEntry> entries) =>
        KeepAsync(state.State.Entries.RemoveAll(e => entries.Any(n => SameRecording(e, n))).AddRange(entries));

    public Task<ImmutableArray<RecordingIndexEntry>> ReadAsync() => Task.FromResult(state.State.Entries);

    public async Task RemoveAsync(ImmutableArray<RecordingIndexEntry> entries)
    {
        var kept = state.State.Entries.RemoveAll(e => entries.Contains(e));
        if (kept.Length != state.State.Entries.Length)
        {
            await KeepAsync(kept);
        }
    }

    public Task ClearAsync() => KeepAsync([]);

    private static bool SameRecording(RecordingIndexEntry a, RecordingIndexEntry b) =>
        string.Equals(a.CallId, b.CallId, StringComparison.Ordinal) && string.Equals(a.RecordedAs, b.RecordedAs, StringComparison.Ordinal);

    private async Task KeepAsync(ImmutableArray<RecordingIndexEntry> entries)
    {
        if (!entries.IsEmpty)
        {
            await state.CommitAsync(new RecordingIndexState { Entries = entries });
            return;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new RecordingIndexState();
        DeactivateOnIdle();
    }
}

[GenerateSerializer, Alias("pbx.recording-index-state")]
public sealed record class RecordingIndexState
{
    [Id(0)] public ImmutableArray<RecordingIndexEntry> Entries { get; init; } = [];
}
