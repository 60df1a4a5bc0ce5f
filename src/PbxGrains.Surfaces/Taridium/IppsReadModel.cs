using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// The per-silo (per API process) read model of what IPPS needs from a tenant's catalogue: its IPPS settings and the
/// extensions its devices (<c>SIP/4002</c>) belong to. The tenant grain is one grain per tenant, so a poll must not
/// call it: each process asks it at most once per <see cref="Lifetime"/> per tenant (concurrent requests share that one
/// call) and answers every other request from memory. It is a cache and nothing else: dropping it loses nothing,
/// and a change of settings reaches every process within <see cref="Lifetime"/>.
/// </summary>
public sealed class IppsReadModel(IGrainFactory grains, CountryNames countries, TimeProvider time)
{
    /// <summary>How long a tenant's entry is served before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // Bounds on what a scanner of made-up tenant ids or device names can make a process remember.
    private const int MaxTenants = 4096;
    private const int MaxDevicesPerTenant = 1024;

    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's IPPS view, from memory unless it is older than <see cref="Lifetime"/>.</summary>
    public ValueTask<IppsTenant> GetAsync(string tenant)
    {
        var now = time.GetTimestamp();
        if (_tenants.TryGetValue(tenant, out var entry) && !entry.IsExpired(now, time))
        {
            return entry.Load.IsCompletedSuccessfully ? new ValueTask<IppsTenant>(entry.Load.Result) : new ValueTask<IppsTenant>(entry.Load);
        }

        return new ValueTask<IppsTenant>(RefreshAsync(tenant, entry, now));
    }

    /// <summary>Forgets a tenant, so its next request reads the catalogue again (tests, and after a known change).</summary>
    public void Invalidate(string tenant) => _tenants.TryRemove(tenant, out _);

    private Task<IppsTenant> RefreshAsync(string tenant, Entry? stale, long now)
    {
        var fresh = new Entry(now);
        var won = stale is null ? _tenants.TryAdd(tenant, fresh) : _tenants.TryUpdate(tenant, fresh, stale);
        if (!won)
        {
            // Another request started the refresh: share its result.
            return _tenants.TryGetValue(tenant, out var current) ? current.Load : LoadAsync(tenant);
        }

        if (_tenants.Count > MaxTenants)
        {
            Sweep(now);
        }

        fresh.Start(LoadAsync(tenant), () => _tenants.TryRemove(new KeyValuePair<string, Entry>(tenant, fresh)));
        return fresh.Load;
    }

    private async Task<IppsTenant> LoadAsync(string tenant)
    {
        var grain = grains.GetGrain<ITenantGrain>(tenant);
        var settings = await grain.GetSettingsAsync();
        return new IppsTenant(tenant, IppsSettings.From(settings, countries), grain, MaxDevicesPerTenant);
    }

    private void Sweep(long now)
    {
        foreach (var (tenant, entry) in _tenants)
        {
            if (entry.IsExpired(now, time))
            {
                _tenants.TryRemove(new KeyValuePair<string, Entry>(tenant, entry));
            }
        }
    }

    private sealed class Entry(long created)
    {
        private readonly TaskCompletionSource<IppsTenant> _load = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IppsTenant> Load => _load.Task;

        public bool IsExpired(long now, TimeProvider time) => time.GetElapsedTime(created, now) >= Lifetime;

        /// <summary>Completes the entry with <paramref name="load"/>; a failed load is not remembered.</summary>
        public void Start(Task<IppsTenant> load, Action forget) =>
            load.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        _load.TrySetResult(t.Result);
                        return;
                    }

                    forget();
                    if (t.Exception is { } error)
                    {
                        _load.TrySetException(error.InnerExceptions);
                    }
                    else
                    {
                        _load.TrySetCanceled();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }
}

/// <summary>One tenant as IPPS sees it: its settings and a small map of its devices to extension numbers.</summary>
public sealed class IppsTenant(string id, IppsSettings settings, ITenantGrain catalogue, int maxDevices)
{
    private readonly ConcurrentDictionary<string, string?> _devices = new(StringComparer.Ordinal);

    public string Id => id;

    public IppsSettings Settings => settings;

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
