using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// A per-process read model of each tenant's settings, mapped into a surface's own type. The tenant grain is one grain
/// per tenant, so a request must not call it: each process asks it at most once per <see cref="Lifetime"/> per tenant
/// (requests that find the entry stale together share that one call) and serves every other request from memory. A
/// failed load is not remembered. It is a cache and nothing else: dropping it loses nothing, and a change of settings
/// reaches every process within <see cref="Lifetime"/>.
/// </summary>
public sealed class TenantSettingsCache<T>(IGrainFactory grains, Func<string, TenantSettings?, T> map, TimeProvider time)
{
    /// <summary>How long a tenant's entry is served before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // A scanner of made-up tenant ids must not make a process remember without bound.
    private const int MaxTenants = 4096;

    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's mapped settings, from memory unless they are older than <see cref="Lifetime"/>.</summary>
    public ValueTask<T> GetAsync(string tenant)
    {
        var now = time.GetTimestamp();
        if (_tenants.TryGetValue(tenant, out var entry) && !entry.IsExpired(now, time))
        {
            return entry.Load.IsCompletedSuccessfully ? new ValueTask<T>(entry.Load.Result) : new ValueTask<T>(entry.Load);
        }

        return new ValueTask<T>(RefreshAsync(tenant, entry, now));
    }

    /// <summary>Forgets a tenant, so its next request reads the catalogue again (tests, and after a known change).</summary>
    public void Invalidate(string tenant) => _tenants.TryRemove(tenant, out _);

    private Task<T> RefreshAsync(string tenant, Entry? stale, long now)
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

    private async Task<T> LoadAsync(string tenant) => map(tenant, await grains.Ref<ITenantGrain>(tenant).GetSettingsAsync());

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
        private readonly TaskCompletionSource<T> _load = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Load => _load.Task;

        public bool IsExpired(long now, TimeProvider time) => time.GetElapsedTime(created, now) >= Lifetime;

        /// <summary>Completes the entry with <paramref name="load"/>; a failed load is not remembered.</summary>
        public void Start(Task<T> load, Action forget) =>
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
