using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>A tenant's sequence: hands out blocks, persisting the high-water mark before answering.</summary>
public sealed class IdAllocatorGrain(
    [PersistentState("sequence", PbxStorage.Name)] IPersistentState<IdAllocatorState> state) : Grain, IIdAllocatorGrain
{
    public async Task<long> NextBlockAsync(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var start = Math.Max(1, state.State.Next);
        state.State = new IdAllocatorState { Next = start + size };
        await state.WriteStateAsync();
        return start;
    }
}

[GenerateSerializer, Alias("pbx.sequence-state")]
public sealed record class IdAllocatorState
{
    [Id(0)] public long Next { get; init; } = 1;
}
