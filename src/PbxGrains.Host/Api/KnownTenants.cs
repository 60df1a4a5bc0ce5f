using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PbxGrains.Client;

namespace PbxGrains.Host.Api;

/// <summary>
/// Which tenants this process has lately seen exist, so that a <c>/sim/tenants/{tenant}/…</c> request does not ask the
/// tenant's one grain first (every phone action of a load test would queue on it). A tenant found is believed for
/// <see cref="Lifetime"/>; one not found is asked again each time (a made-up id remembers nothing). A delete through
/// this process forgets the tenant at once; one through another process is seen within <see cref="Lifetime"/>, after
/// which a request for it is refused as for a tenant that never was (the grain a request reaches then answers its
/// own "not found" for that short window).
/// </summary>
/// <remarks>
/// A tenant seen before whose grain cannot answer (its silo was lost and is not declared dead yet) is believed to exist
/// for another <see cref="Lifetime"/> when the question fails or takes longer than <see cref="StaleAfter"/>: the
/// request goes on to grains that may well live elsewhere instead of failing with the tenant grain's silo. Logged once
/// when it starts.
/// </remarks>
public sealed class KnownTenants(Func<string, Task<bool>> exists, TimeProvider time, ILogger<KnownTenants> logger)
{
    public KnownTenants(PbxClient pbx, TimeProvider time, ILogger<KnownTenants> logger)
        : this(tenant => pbx.Tenant(tenant).ExistsAsync(), time, logger)
    {
    }

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>How long a request waits for the tenant grain before a tenant seen before is believed still to exist.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMilliseconds(250);

    // Ids that really exist; a sweep of stale ones keeps a scan of many tenants bounded.
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _believed = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string tenant)
    {
        var now = time.GetTimestamp();
        if (!_seen.TryGetValue(tenant, out var seen))
        {
            return await AskAsync(tenant, now);
        }

        if (time.GetElapsedTime(seen, now) < Lifetime)
        {
            return true;
        }

        try
        {
            var exists = await AskAsync(tenant, now).WaitAsync(StaleAfter, time);
            if (_believed.TryRemove(tenant, out _))
            {
                logger.LogInformation("Tenant {Tenant}'s grain answers again", tenant);
            }

            return exists;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Believed for another lifetime, so that requests meanwhile neither wait nor ask again.
            _seen[tenant] = now;
            if (_believed.TryAdd(tenant, true))
            {
                logger.LogWarning(error, "Tenant {Tenant}'s grain does not answer; believing the tenant exists, as it did {Seconds:0.#} s ago", tenant, time.GetElapsedTime(seen, now).TotalSeconds);
            }

            return true;
        }
    }

    public void Forget(string tenant)
    {
        _seen.TryRemove(tenant, out _);
        _believed.TryRemove(tenant, out _);
    }

    private async Task<bool> AskAsync(string tenant, long now)
    {
        if (!await exists(tenant))
        {
            _seen.TryRemove(tenant, out _);
            return false;
        }

        if (_seen.Count >= MaxRemembered)
        {
            foreach (var (id, at) in _seen)
            {
                if (time.GetElapsedTime(at, now) >= Lifetime)
                {
                    _seen.TryRemove(new KeyValuePair<string, long>(id, at));
                    _believed.TryRemove(id, out _);
                }
            }
        }

        _seen[tenant] = now;
        return true;
    }
}
