using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// A per-process read model of each tenant's settings, mapped into a surface's own type. The tenant grain is one grain
/// per tenant, so a request must not call it: each process asks it at most once per <see cref="Lifetime"/> per tenant
/// (requests that find the entry stale together share that one call) and serves every other request from memory. It is
/// a cache and nothing else: dropping it loses nothing, and a change of settings reaches every process within
/// <see cref="Lifetime"/> (and a refresh).
/// </summary>
/// <remarks>
/// Every request of a tenant passes here, so the tenant grain must not be a single point of failure: when its silo is
/// lost, the grain cannot answer until the cluster has declared that silo dead (seconds), and a cache that waited for it
/// failed every request of the tenant, whichever silo served the rest of the request. So a refresh that fails, or does
/// not answer within <see cref="StaleAfter"/>, serves the last settings this process read of the same tenant (never
/// anything else), says so in the log, and is tried again after <see cref="Lifetime"/>. A tenant never read before has
/// nothing to fall back on: its request fails as before. A failed load with nothing to fall back on is not remembered.
/// </remarks>
public sealed class TenantSettingsCache<T>
{
    /// <summary>How long a tenant's entry is served before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a request waits for a refresh before the last settings read are served instead: well above a healthy
    /// read of the tenant grain (under a millisecond; tens under heavy load), well below a client's timeout.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMilliseconds(250);

    // A scanner of made-up tenant ids must not make a process remember without bound.
    private const int MaxTenants = 4096;

    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);
    private readonly Func<string, Task<TenantSettings?>> _read;
    private readonly Func<string, TenantSettings?, T> _map;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TenantSettingsCache(IGrainFactory grains, Func<string, TenantSettings?, T> map, TimeProvider time, ILogger? logger = null)
        : this(tenant => grains.Ref<ITenantGrain>(tenant).GetSettingsAsync(), map, time, logger)
    {
    }

    /// <summary>A cache over any reader of a tenant's settings (<paramref name="read"/>); tests give their own.</summary>
    public TenantSettingsCache(Func<string, Task<TenantSettings?>> read, Func<string, TenantSettings?, T> map, TimeProvider time, ILogger? logger = null)
    {
        _read = read;
        _map = map;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The tenant's mapped settings, from memory unless they are older than <see cref="Lifetime"/>.</summary>
    public ValueTask<T> GetAsync(string tenant)
    {
        var now = _time.GetTimestamp();
        if (!_tenants.TryGetValue(tenant, out var entry) || entry.IsExpired(now, _time))
        {
            entry = Refresh(tenant, entry, now);
        }

        if (entry.Load.IsCompletedSuccessfully)
        {
            return new ValueTask<T>(entry.Load.Result);
        }

        return new ValueTask<T>(entry.Fallback is null ? entry.Load : WaitOrFallBackAsync(tenant, entry));
    }

    /// <summary>Forgets a tenant, so its next request reads the catalogue again (tests, and after a known change).</summary>
    public void Invalidate(string tenant) => _tenants.TryRemove(tenant, out _);

    private Entry Refresh(string tenant, Entry? expired, long now)
    {
        var fresh = new Entry(now, expired?.LastGood(), expired is { Answered: false });
        var won = expired is null ? _tenants.TryAdd(tenant, fresh) : _tenants.TryUpdate(tenant, fresh, expired);
        if (!won)
        {
            // Another request started the refresh: share it (or start one if that entry is already gone again).
            return _tenants.TryGetValue(tenant, out var current) ? current : Refresh(tenant, null, now);
        }

        if (_tenants.Count > MaxTenants)
        {
            Sweep(now);
        }

        _ = LoadAsync(tenant, fresh);
        return fresh;
    }

    private async Task LoadAsync(string tenant, Entry entry)
    {
        try
        {
            var value = _map(tenant, await _read(tenant).ConfigureAwait(false));
            entry.Answered = true;
            if (entry.Complete(value) && entry.AfterTrouble)
            {
                LogRecovered(tenant);
            }
        }
        catch (Exception error)
        {
            if (entry.Fallback is { } fallback)
            {
                // Served until the entry expires; the next request after that tries the tenant grain again.
                entry.Complete(fallback.Value);
                if (!entry.AfterTrouble && !entry.Slow)
                {
                    LogServingLast(error, tenant);
                }

                return;
            }

            _tenants.TryRemove(new KeyValuePair<string, Entry>(tenant, entry));
            entry.Fail(error);
        }
    }

    private async Task<T> WaitOrFallBackAsync(string tenant, Entry entry)
    {
        if (!entry.Slow)
        {
            try
            {
                return await entry.Load.WaitAsync(StaleAfter, _time);
            }
            catch (TimeoutException)
            {
                // Later requests on this entry do not wait again: the refresh is known to hang.
                if (!entry.Slow && !entry.AfterTrouble)
                {
                    LogSlow(tenant, StaleAfter.TotalMilliseconds);
                }

                entry.Slow = true;
            }
        }

        if (entry.Load.IsCompletedSuccessfully)
        {
            return entry.Load.Result;
        }

        return entry.Fallback!.Value;
    }

    private void Sweep(long now)
    {
        foreach (var (tenant, entry) in _tenants)
        {
            if (entry.IsExpired(now, _time))
            {
                _tenants.TryRemove(new KeyValuePair<string, Entry>(tenant, entry));
            }
        }
    }

    // Logged when a tenant starts and stops being served from its last settings, not at every refresh in between.
    private void LogServingLast(Exception error, string tenant) =>
        _logger.LogWarning(error, "Tenant {Tenant}'s settings could not be read; serving the last ones this process read until they can (tried every {Seconds} s)", tenant, Lifetime.TotalSeconds);

    private void LogSlow(string tenant, double milliseconds) =>
        _logger.LogWarning("Tenant {Tenant}'s settings did not come within {Milliseconds} ms; serving the last ones this process read until they do", tenant, milliseconds);

    private void LogRecovered(string tenant) =>
        _logger.LogInformation("Tenant {Tenant}'s settings are read again", tenant);

    /// <summary>A value that was read, boxed so that "none" is told from a default value.</summary>
    private sealed record Known(T Value);

    private sealed class Entry(long created, Known? fallback, bool afterTrouble)
    {
        private readonly TaskCompletionSource<T> _load = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Load => _load.Task;

        /// <summary>The last settings read before this entry's refresh; null for a tenant never read.</summary>
        public Known? Fallback => fallback;

        /// <summary>
        /// Set when a request gave up waiting for this entry's refresh, and from the start after an entry whose refresh
        /// failed or never answered: while the tenant grain cannot answer, requests are served at once and only the
        /// refresh waits.
        /// </summary>
        public volatile bool Slow = afterTrouble;

        /// <summary>Set when the tenant grain answered this entry's refresh.</summary>
        public volatile bool Answered;

        /// <summary>Whether the refresh of the entry before this one failed or never answered (so each change is logged once).</summary>
        public bool AfterTrouble { get; } = afterTrouble;

        public bool IsExpired(long now, TimeProvider time) => time.GetElapsedTime(created, now) >= Lifetime;

        /// <summary>What the next refresh falls back on: this entry's value if it has one, else what it fell back on.</summary>
        public Known? LastGood() => Load.IsCompletedSuccessfully ? new Known(Load.Result) : fallback;

        public bool Complete(T value) => _load.TrySetResult(value);

        public void Fail(Exception error) => _load.TrySetException(error);
    }
}
