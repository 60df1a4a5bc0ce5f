using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Calls;

/// <summary>One shard of one day of a tenant's CDRs. Durable; awaits nothing but storage.</summary>
public sealed class CdrLogGrain(
    [PersistentState("cdrs", PbxStorage.Name)] IPersistentState<CdrLogState> state) : Grain, ICdrLogGrain
{
    public async Task AppendAsync(CdrRecord record)
    {
        // A retried append of the same call must not count it twice.
        if (state.State.Records.Any(r => r.UniqueId == record.UniqueId))
        {
            return;
        }

        state.State = new CdrLogState { Records = state.State.Records.Add(record) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<CdrRecord>> ListAsync() => Task.FromResult(state.State.Records);
}

[GenerateSerializer, Alias("pbx.cdr-log-state")]
public sealed record class CdrLogState
{
    [Id(0)] public ImmutableArray<CdrRecord> Records { get; init; } = [];
}
