using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// What IPPS needs from a tenant's catalogue, per process: its IPPS settings and the extensions its devices
/// (<c>SIP/4002</c>) belong to. A <see cref="TenantSettingsCache{T}"/> of <see cref="TaridiumTenant"/>: a poll never calls
/// the tenant grain, each process reads a tenant at most once per <see cref="Lifetime"/>.
/// </summary>
public sealed class TaridiumReadModel(IGrainFactory grains, CountryNames countries, TimeProvider time, ILogger<TaridiumReadModel> logger)
{
    /// <summary>How long a tenant's entry is served before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TenantSettingsCache<TaridiumTenant>.Lifetime;

    // Bound on what a scanner of made-up device names can make a process remember.
    private const int MaxDevicesPerTenant = 1024;

    private readonly TenantSettingsCache<TaridiumTenant> _tenants = new(
        grains,
        (tenant, settings) => new TaridiumTenant(tenant, TaridiumSettings.From(settings, countries), grains.Ref<ITenantGrain>(tenant), MaxDevicesPerTenant),
        time,
        logger);

    /// <summary>The tenant's IPPS view, from memory unless it is older than <see cref="Lifetime"/>.</summary>
    public ValueTask<TaridiumTenant> GetAsync(string tenant) => _tenants.GetAsync(tenant);

    /// <summary>Forgets a tenant, so its next request reads the catalogue again (tests, and after a known change).</summary>
    public void Invalidate(string tenant) => _tenants.Invalidate(tenant);
}

/// <summary>One tenant as IPPS sees it: its settings and a small map of its devices to extension numbers.</summary>
public sealed class TaridiumTenant(string id, TaridiumSettings settings, ITenantGrain catalogue, int maxDevices)
{
    private readonly ConcurrentDictionary<string, string?> _devices = new(StringComparer.Ordinal);

    public string Id => id;

    public TaridiumSettings Settings => settings;

    /// <summary>The extension number of a device (<c>SIP/4002</c>), or null when no extension has it.</summary>
    public ValueTask<string?> ExtensionOfAsync(string device)
    {
        if (_devices.TryGetValue(device, out var number))
        {
            return new ValueTask<string?>(number);
        }

        return new ValueTask<string?>(LookUpAsync(device));
    }

    private async Task<string?> LookUpAsync(string device)
    {
        var number = await catalogue.FindExtensionAsync(ExtensionLookup.Device, device);
        if (_devices.Count < maxDevices)
        {
            _devices.TryAdd(device, number);
        }

        return number;
    }
}
