using System.Collections.Immutable;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>The list of tenants. Touched when tenants are created, deleted or listed; never by calls.</summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("tenants", PbxStorage.Name)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task<bool> AddAsync(string tenant)
    {
        if (state.State.Tenants.Contains(tenant))
        {
            return false;
        }

        state.State = new TenantDirectoryState { Tenants = state.State.Tenants.Add(tenant) };
        await state.WriteStateAsync();
        return true;
    }

    public async Task RemoveAsync(string tenant)
    {
        if (state.State.Tenants.Contains(tenant))
        {
            state.State = new TenantDirectoryState { Tenants = state.State.Tenants.Remove(tenant) };
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Tenants.ToImmutableArray());
}

[GenerateSerializer, Alias("pbx.tenant-directory-state")]
public sealed record class TenantDirectoryState
{
    [Id(0)] public ImmutableSortedSet<string> Tenants { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
