using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>A ring group's configuration. Calls read it when they dial the group. Awaits nothing but storage.</summary>
public sealed class RingGroupGrain(
    [PersistentState("ringgroup", PbxStorage.Name)] IPersistentState<RingGroupState> state) : Grain, IRingGroupGrain
{
    public async Task<PbxResult> ConfigureAsync(RingGroupConfig config)
    {
        if (config.Number != TenantKey.NameOf(this.GetPrimaryKeyString()))
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"number {config.Number} does not match ring group {TenantKey.NameOf(this.GetPrimaryKeyString())}");
        }

        if (RingGroupRules.Check(config) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        state.State = new RingGroupState { Config = config };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task RemoveAsync()
    {
        await state.ClearStateAsync();
        state.State = new RingGroupState();
    }

    public Task<RingGroupConfig?> GetAsync() => Task.FromResult(state.State.Config);
}

[GenerateSerializer, Alias("pbx.ringgroup-state")]
public sealed record class RingGroupState
{
    [Id(0)] public RingGroupConfig? Config { get; init; }
}
