using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Client;

/// <summary>
/// Inbound number routing, feature flags and hot desks. They are a grain of their own, and the tenant resolves numbers
/// with a copy: every change is handed to the tenant before it is answered, so the next call follows it.
/// </summary>
public sealed partial class PbxClient
{
    public INumberRoutingGrain NumberRouting(string tenant) => grains.Ref<INumberRoutingGrain>(tenant);

    /// <summary>The tenant's number routing; null for no tenant.</summary>
    public Task<NumberRouting?> GetNumberRoutingAsync(string tenant) => NumberRouting(tenant).GetAsync();

    public async Task<PbxResult<NumberRouting>> UpdateNumberRouteAsync(string tenant, int id, NumberRouteChange change) =>
        await HandToTenantAsync(tenant, await NumberRouting(tenant).UpdateNumberRouteAsync(id, change));

    public async Task<PbxResult<NumberRouting>> SetFeatureFlagAsync(string tenant, int id, bool active) =>
        await HandToTenantAsync(tenant, await NumberRouting(tenant).SetFeatureFlagAsync(id, active));

    /// <summary>Logs an extension in at a hot desk ("" logs out) and sets its template; the extension must exist.</summary>
    public async Task<PbxResult<NumberRouting>> UpdateHotDeskAsync(string tenant, int id, HotDeskChange change)
    {
        var exists = change.Extension is not { Length: > 0 } user || await Tenant(tenant).FindExtensionAsync(ExtensionLookup.Number, user) is not null;
        return await HandToTenantAsync(tenant, await NumberRouting(tenant).UpdateHotDeskAsync(id, change, exists));
    }

    private async Task<PbxResult<NumberRouting>> HandToTenantAsync(string tenant, PbxResult<NumberRouting> changed)
    {
        if (changed.IsOk)
        {
            await Tenant(tenant).UseNumberRoutingAsync(changed.Value!);
        }

        return changed;
    }
}
