using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
/// <remarks>
/// Every request of the surface passes here, for every tenant, so no one grain may fail them all: when a silo is lost,
/// the grains that lived there cannot answer until the cluster has declared it dead (seconds). A rebuild keeps the last
/// entries of a tenant whose settings cannot be read, and the whole last snapshot when the tenant list cannot be read;
/// while a rebuild has not finished within <see cref="StaleAfter"/>, requests are served the last snapshot. Logged once
/// when it starts and once when it ends. Before the first snapshot there is nothing to fall back on.
/// </remarks>
public sealed class TenantCredentialDirectory(
    Func<Task<ImmutableArray<string>>> listTenants,
    Func<string, Task<TenantSettings?>> readSettings,
    string surface,
    string key,
    TimeProvider time,
    ILogger? logger = null)
{
    public TenantCredentialDirectory(IGrainFactory grains, string surface, string key, TimeProvider time, ILogger? logger = null)
        : this(
            async () => [.. await grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync()],
            tenant => grains.Ref<ITenantGrain>(tenant).GetSettingsAsync(),
            surface,
            key,
            time,
            logger)
    {
    }

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>How long requests wait for a rebuild before the last snapshot is served.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private Entry? _entry;
    private Snapshot? _last;
    private int _fallingBack;

    /// <summary>The tenant whose <c>surfaces.{surface}.{key}</c> is <paramref name="value"/>, with its settings; null when none is.</summary>
    public async Task<(string Tenant, TenantSettings Settings)?> FindAsync(string value)
    {
        var tenants = await CurrentAsync();
        return tenants.ByValue.TryGetValue(value, out var found) ? found : null;
    }

    private Task<Snapshot> CurrentAsync()
    {
        Entry entry;
        Snapshot? last;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            // A rebuild in flight is shared by every request that arrives meanwhile; a failed one (possible only before
            // the first snapshot) is retried at once.
            if (_entry is not { } current || current.Load.IsFaulted || (current.Load.IsCompleted && time.GetElapsedTime(current.Created, now) >= Lifetime))
            {
                _entry = new Entry(now, BuildAsync(_last));
            }

            entry = _entry;
            last = _last;
        }

        if (entry.Load.IsCompletedSuccessfully || last is null)
        {
            return entry.Load;
        }

        var waited = time.GetElapsedTime(entry.Created);
        return waited >= StaleAfter ? Task.FromResult(last) : WaitOrLastAsync(entry.Load, last, StaleAfter - waited);
    }

    private async Task<Snapshot> WaitOrLastAsync(Task<Snapshot> load, Snapshot last, TimeSpan wait)
    {
        try
        {
            return await load.WaitAsync(wait, time);
        }
        catch (TimeoutException)
        {
            FallingBack(null, "did not come within 250 ms");
            return last;
        }
        catch (Exception error)
        {
            FallingBack(error, "could not be read");
            return last;
        }
    }

    private async Task<Snapshot> BuildAsync(Snapshot? last)
    {
        ImmutableArray<string> tenants;
        try
        {
            tenants = await listTenants();
        }
        catch (Exception error) when (last is not null)
        {
            FallingBack(error, "could not be listed");
            return last;
        }

        var unread = 0;
        var settings = await Task.WhenAll(tenants.Select(async t =>
        {
            try
            {
                return (Tenant: t, Settings: await readSettings(t));
            }
            catch (Exception) when (last is not null)
            {
                // Its grain cannot answer: it keeps the settings it was last found with (a tenant new since then is
                // not found until it can).
                Interlocked.Increment(ref unread);
                return (Tenant: t, Settings: last.ByTenant.GetValueOrDefault(t));
            }
        }));

        var byValue = ImmutableDictionary.CreateBuilder<string, (string, TenantSettings)>(StringComparer.Ordinal);
        var byTenant = ImmutableDictionary.CreateBuilder<string, TenantSettings>(StringComparer.Ordinal);
        // Tenants in id order, so when two claim the same value the same one wins in every process.
        foreach (var (tenant, found) in settings.OrderBy(s => s.Tenant, StringComparer.Ordinal))
        {
            if (found is not null)
            {
                byTenant[tenant] = found;
                if (SurfaceSettingValues.Of(found, surface)[key] is { Length: > 0 } value)
                {
                    byValue.TryAdd(value, (tenant, found));
                }
            }
        }

        var snapshot = new Snapshot(byValue.ToImmutable(), byTenant.ToImmutable());
        lock (_gate)
        {
            _last = snapshot;
        }

        if (unread > 0)
        {
            FallingBack(null, $"of {unread} tenant(s) could not be read");
        }
        else if (Interlocked.Exchange(ref _fallingBack, 0) == 1)
        {
            _logger.LogInformation("The {Surface} tenant directory is read whole again", surface);
        }

        return snapshot;
    }

    private void FallingBack(Exception? error, string what)
    {
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            _logger.LogWarning(error, "The {Surface} tenant directory {What}; serving what this process last read until it can", surface, what);
        }
    }

    private sealed record class Snapshot(
        ImmutableDictionary<string, (string Tenant, TenantSettings Settings)> ByValue,
        ImmutableDictionary<string, TenantSettings> ByTenant);

    private sealed record class Entry(long Created, Task<Snapshot> Load);
}
