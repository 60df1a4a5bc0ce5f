using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// A segment of a recording store (see <see cref="IRecordingSegmentGrain"/>): at most a segment's worth of entries, in
/// position order. An emptied segment leaves storage.
/// </summary>
public sealed class RecordingSegmentGrain(
    [PersistentState("recording-segment", PbxStorage.Name)] IPersistentState<RecordingSegmentState> state) : Grain, IRecordingSegmentGrain
{
    public Task SealAsync(ImmutableArray<RecordingEntry> entries) => KeepAsync(entries);

    public Task<ImmutableArray<RecordingEntry>> ReadAsync() => Task.FromResult(state.State.Entries);

    public Task<ImmutableArray<RecordingEntry>> GetAsync(ImmutableArray<long> positions) =>
        Task.FromResult(state.State.Entries.Where(e => positions.Contains(e.Position)).ToImmutableArray());

    public async Task<bool> ReplaceAsync(RecordingEntry entry)
    {
        var entries = state.State.Entries;
        for (var at = 0; at < entries.Length; at++)
        {
            if (entries[at].Position == entry.Position)
            {
                await KeepAsync(entries.SetItem(at, entry));
                return true;
            }
        }

        return false;
    }

    public async Task<ImmutableArray<RecordingEntry>> RemoveAsync(ImmutableArray<long> positions)
    {
        var removed = state.State.Entries.Where(e => positions.Contains(e.Position)).ToImmutableArray();
        if (!removed.IsEmpty)
        {
            await KeepAsync(state.State.Entries.RemoveAll(e => positions.Contains(e.Position)));
        }

        return removed;
    }

    public async Task<RecordingEntry?> RemoveOldestAsync(long from)
    {
        // Entries are in position order.
        var oldest = state.State.Entries.FirstOrDefault(e => e.Position >= from);
        if (oldest is not null)
        {
            await KeepAsync(state.State.Entries.Remove(oldest));
        }

        return oldest;
    }

    public async Task<ImmutableArray<RecordingEntry>> DropAsync()
    {
        var entries = state.State.Entries;
        await KeepAsync([]);
        return entries;
    }

    private async Task KeepAsync(ImmutableArray<RecordingEntry> entries)
    {
        if (!entries.IsEmpty)
        {
            await state.CommitAsync(new RecordingSegmentState { Entries = entries });
            return;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new RecordingSegmentState();
        DeactivateOnIdle();
    }
}

[GenerateSerializer, Alias("pbx.recording-segment-state")]
public sealed record class RecordingSegmentState
{
    [Id(0)] public ImmutableArray<RecordingEntry> Entries { get; init; } = [];
}
