using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Cdrs;

/// <summary>A sealed segment of a CDR log: written once, then only read, until retention drops it. Awaits no grain.</summary>
public sealed class CdrSegmentGrain(
    [PersistentState("cdr-segment", PbxStorage.Name)] IPersistentState<CdrSegmentState> state) : Grain, ICdrSegmentGrain
{
    public async Task SealAsync(ImmutableArray<CdrRecord> records)
    {
        if (state.RecordExists)
        {
            return;
        }

        state.State = new CdrSegmentState { Records = records };
        await state.WriteStateAsync();

        // A sealed segment is seldom read again (a lookup of an old call, a page of history): its records need not
        // stay in memory as objects beside what storage keeps, one activation per 16 calls of the whole retention.
        DeactivateOnIdle();
    }

    public Task<ImmutableArray<CdrRecord>> ReadAsync() => Task.FromResult(state.State.Records);

    public async Task<ImmutableArray<CdrRecord>> DropAsync()
    {
        var records = state.State.Records;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new CdrSegmentState();
        DeactivateOnIdle();
        return records;
    }
}

[GenerateSerializer, Alias("pbx.cdr-segment-state")]
public sealed record class CdrSegmentState
{
    [Id(0)] public ImmutableArray<CdrRecord> Records { get; init; } = [];
}
