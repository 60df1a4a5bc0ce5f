using System.Collections.Concurrent;
using System.Collections.Immutable;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// A per-process read model of each tenant's catalogue as the API needs it (<see cref="VoipSunTenant"/>): the tenant
/// grain and the extensions are read at most once per <see cref="Lifetime"/> per tenant, concurrent requests share the
/// read, and a failed read is not remembered. A cache and nothing else (DESIGN: per-silo caches are rebuildable read
/// models): what changes calls (registrations, device states, channels) is always read live.
/// </summary>
public sealed class VoipSunReadModel(PbxClient pbx)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // A scanner of made-up tenant ids must not make a process remember without bound.
    private const int MaxTenants = 4096;

    // Entries age on real time: the read model protects the tenant grain, it is not part of the simulation.
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ConcurrentDictionary<string, (long Read, Task<VoipSunTenant> Load)> _tenants = new(StringComparer.Ordinal);

    public Task<VoipSunTenant> GetAsync(string tenant)
    {
        var now = _time.GetTimestamp();
        if (_tenants.TryGetValue(tenant, out var entry) && !entry.Load.IsFaulted && _time.GetElapsedTime(entry.Read, now) < Lifetime)
        {
            return entry.Load;
        }

        if (_tenants.Count >= MaxTenants)
        {
            _tenants.Clear();
        }

        var fresh = (now, LoadAsync(tenant));
        return _tenants.AddOrUpdate(tenant, fresh, (_, current) => current.Read == entry.Read ? fresh : current).Load;
    }

    /// <summary>Forgets a tenant, so its next request reads the catalogue again (after a change this process made).</summary>
    public void Invalidate(string tenant) => _tenants.TryRemove(tenant, out _);

    private async Task<VoipSunTenant> LoadAsync(string tenant)
    {
        var view = await pbx.Tenant(tenant).GetAsync();
        if (view is null)
        {
            return VoipSunTenant.Missing;
        }

        var extensions = await pbx.ListExtensionsAsync(view);
        return new VoipSunTenant(true, view.Settings, [.. extensions.Select(e => e.Config)]);
    }
}
