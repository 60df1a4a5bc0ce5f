using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Cdrs;

/// <summary>
/// One bucket of a tenant-day's CDR index by sequence number. Its entries are the calls of one run of consecutive
/// sequence numbers, so it holds about <see cref="Abstractions.Ids.Shards.CdrIndexBucket"/> entries and every
/// operation scans that many at most.
/// </summary>
public sealed class CdrIndexGrain(
    [PersistentState("cdr-index", PbxStorage.Name)] IPersistentState<CdrIndexState> state) : Grain, ICdrIndexGrain
{
    public async Task<CdrIndexEntry?> ClaimAsync(CdrIndexEntry entry)
    {
        var entries = state.State.Entries;
        foreach (var existing in entries)
        {
            if (existing.UniqueId == entry.UniqueId)
            {
                return existing;
            }
        }

        state.State = new CdrIndexState { Entries = entries.Add(entry) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new CdrIndexState { Entries = entries };
            throw;
        }

        return null;
    }

    public Task<ImmutableArray<CdrIndexEntry>> FindAsync(long sequence) =>
        Task.FromResult(state.State.Entries.Where(e => e.Sequence == sequence).ToImmutableArray());

    public async Task RemoveAsync(ImmutableArray<string> uniqueIds)
    {
        var kept = state.State.Entries.RemoveAll(e => uniqueIds.Contains(e.UniqueId));
        if (kept.Length == state.State.Entries.Length)
        {
            return;
        }

        if (kept.IsEmpty)
        {
            await state.ClearStateAsync();
            state.State = new CdrIndexState();
            DeactivateOnIdle();
            return;
        }

        state.State = new CdrIndexState { Entries = kept };
        await state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("pbx.cdr-index-state")]
public sealed record class CdrIndexState
{
    [Id(0)] public ImmutableArray<CdrIndexEntry> Entries { get; init; } = [];
}
