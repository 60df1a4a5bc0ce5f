using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// A per-process read model of each tenant's settings, mapped into a surface's own settings type. The tenant grain is
/// one grain per tenant, so a request must not call it: each process asks it at most about once per <see cref="Lifetime"/>
/// per tenant and serves every other request from memory. It is a cache and nothing else: dropping it loses nothing, and
/// a change of settings reaches every process within <see cref="Lifetime"/>.
/// </summary>
public sealed class TenantSettingsCache<T>(IGrainFactory grains, Func<string, TenantSettings?, T> map, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // A scanner of made-up tenant ids must not make a process remember without bound.
    private const int MaxTenants = 4096;

    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);

    public Task<T> GetAsync(string tenant)
    {
        var now = time.GetTimestamp();
        if (_tenants.TryGetValue(tenant, out var entry) && time.GetElapsedTime(entry.Created, now) < Lifetime && !entry.Load.IsFaulted)
        {
            return entry.Load;
        }

        if (_tenants.Count >= MaxTenants)
        {
            foreach (var (key, old) in _tenants)
            {
                if (time.GetElapsedTime(old.Created, now) >= Lifetime)
                {
                    _tenants.TryRemove(new KeyValuePair<string, Entry>(key, old));
                }
            }
        }

        // Requests that find the entry stale at the same moment may each load it once; the last one wins. Both answers
        // are equally fresh, so no coordination is worth its cost here.
        var fresh = new Entry(now, LoadAsync(tenant));
        _tenants[tenant] = fresh;
        return fresh.Load;
    }

    public void Invalidate(string tenant) => _tenants.TryRemove(tenant, out _);

    private async Task<T> LoadAsync(string tenant) => map(tenant, await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync());

    private sealed record class Entry(long Created, Task<T> Load);
}
