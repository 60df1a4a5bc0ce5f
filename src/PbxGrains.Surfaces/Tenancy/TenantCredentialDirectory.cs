using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// A per-process read model that finds a tenant by a value in its surface settings (a customer number that a request
/// carries instead of naming its tenant), without asking every tenant per request. A snapshot — the tenant list
/// (<see cref="ITenantDirectoryGrain"/>) and each tenant's settings — is rebuilt at most once per <see cref="Lifetime"/>,
/// when a request finds it older; concurrent requests share one rebuild. A tenant created, changed or deleted is seen
/// within <see cref="Lifetime"/>. Each entry keeps the settings it was found with, so a request needs no second read.
/// </summary>
public sealed class TenantCredentialDirectory(IGrainFactory grains, string surface, string key, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Entry? _entry;

    /// <summary>The tenant whose <c>surfaces.{surface}.{key}</c> is <paramref name="value"/>, with its settings; null when none is.</summary>
    public async Task<(string Tenant, TenantSettings Settings)?> FindAsync(string value)
    {
        var tenants = await CurrentAsync();
        return tenants.TryGetValue(value, out var found) ? found : null;
    }

    private Task<ImmutableDictionary<string, (string Tenant, TenantSettings Settings)>> CurrentAsync()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            // A rebuild in flight is shared by every request that arrives meanwhile; a failed one is retried at once.
            if (_entry is { } current && !current.Load.IsFaulted && (!current.Load.IsCompleted || time.GetElapsedTime(current.Created, now) < Lifetime))
            {
                return current.Load;
            }

            _entry = new Entry(now, BuildAsync());
            return _entry.Load;
        }
    }

    private async Task<ImmutableDictionary<string, (string Tenant, TenantSettings Settings)>> BuildAsync()
    {
        var tenants = await grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync();
        var settings = await Task.WhenAll(tenants.Select(async t => (Tenant: t, Settings: await grains.Ref<ITenantGrain>(t).GetSettingsAsync())));
        var map = ImmutableDictionary.CreateBuilder<string, (string, TenantSettings)>(StringComparer.Ordinal);
        // Tenants in id order, so when two claim the same value the same one wins in every process.
        foreach (var (tenant, found) in settings.OrderBy(s => s.Tenant, StringComparer.Ordinal))
        {
            if (found is not null && SurfaceSettingValues.Of(found, surface)[key] is { Length: > 0 } value)
            {
                map.TryAdd(value, (tenant, found));
            }
        }

        return map.ToImmutable();
    }

    private sealed record class Entry(long Created, Task<ImmutableDictionary<string, (string Tenant, TenantSettings Settings)>> Load);
}
