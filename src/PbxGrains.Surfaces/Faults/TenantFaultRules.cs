using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// Each tenant's fault rules as this process knows them: the tenant's settings read model (read again every second,
/// serving the last read while the tenant grain cannot answer), so a request costs no grain call for them.
/// </summary>
public sealed class TenantFaultRules(IGrainFactory grains, ILogger<TenantFaultRules> logger)
{
    private readonly TenantSettingsCache<ImmutableArray<FaultRule>> _cache =
        new(grains, static (_, settings) => settings?.Faults ?? [], TimeProvider.System, logger);

    public ValueTask<ImmutableArray<FaultRule>> GetAsync(string tenant) => _cache.GetAsync(tenant);

    /// <summary>Reads the tenant's rules again on its next request (this process changed them).</summary>
    public void Invalidate(string tenant) => _cache.Invalidate(tenant);
}
