using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Client;

/// <summary>
/// A tenant's listings: read the tenant's catalogue, then every item it names, all at once. The catalogue only names
/// its items, so a listing costs one call per item; one that went meanwhile is left out. A tenant that does not exist
/// lists nothing.
/// </summary>
public sealed partial class PbxClient
{
    /// <summary>The tenant's extensions, in the catalogue's order.</summary>
    public async Task<ImmutableArray<ExtensionView>> ListExtensionsAsync(string tenant) =>
        await ListExtensionsAsync(await Tenant(tenant).GetAsync());

    /// <summary>The extensions of a catalogue already read (none for a tenant that does not exist).</summary>
    public async Task<ImmutableArray<ExtensionView>> ListExtensionsAsync(TenantView? catalogue)
    {
        if (catalogue is null)
        {
            return [];
        }

        var views = await Task.WhenAll(catalogue.Extensions.Select(n => Extension(catalogue.Id, n).GetAsync()));
        return [.. views.Where(v => v.Exists)];
    }

    /// <summary>The tenant's queues (those <paramref name="named"/> accepts, when given), in the catalogue's order.</summary>
    public async Task<ImmutableArray<QueueSnapshot>> ListQueuesAsync(string tenant, Func<string, bool>? named = null)
    {
        var names = (await Tenant(tenant).GetAsync())?.Queues ?? [];
        var snapshots = await Task.WhenAll(names.Where(n => named is null || named(n)).Select(n => Queue(tenant, n).GetSnapshotAsync()));
        return [.. snapshots.Where(s => s.Exists)];
    }

    /// <summary>The tenant's ring groups, in the catalogue's order.</summary>
    public async Task<ImmutableArray<RingGroupConfig>> ListRingGroupsAsync(string tenant)
    {
        var numbers = (await Tenant(tenant).GetAsync())?.RingGroups ?? [];
        var groups = await Task.WhenAll(numbers.Select(n => RingGroup(tenant, n).GetAsync()));
        return [.. groups.OfType<RingGroupConfig>()];
    }

    /// <summary>The tenant's agents, in the catalogue's order.</summary>
    public async Task<ImmutableArray<AgentView>> ListAgentsAsync(string tenant)
    {
        var ids = (await Tenant(tenant).GetAsync())?.Agents ?? [];
        var agents = await Task.WhenAll(ids.Select(id => Agent(tenant, id).GetAsync()));
        return [.. agents.OfType<AgentView>()];
    }

    /// <summary>The tenant's traffic generators, in the catalogue's order.</summary>
    public async Task<ImmutableArray<TrafficView>> ListTrafficAsync(string tenant)
    {
        var names = (await Tenant(tenant).GetAsync())?.Traffic ?? [];
        var views = await Task.WhenAll(names.Select(n => Traffic(tenant, n).GetAsync()));
        return [.. views.Where(v => v.Exists)];
    }

    /// <summary>The tenant's parking lots with what each holds, in the catalogue's order.</summary>
    public async Task<ImmutableArray<ParkingLotView>> ListParkingLotsAsync(string tenant)
    {
        var names = (await Tenant(tenant).GetAsync())?.ParkingLots ?? [];
        return [.. await Task.WhenAll(names.Select(n => ParkingLot(tenant, n).GetAsync()))];
    }
}
