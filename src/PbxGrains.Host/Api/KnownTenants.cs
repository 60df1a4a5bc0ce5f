using System.Collections.Concurrent;
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
public sealed class KnownTenants(PbxClient pbx, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // Ids that really exist; a sweep of stale ones keeps a scan of many tenants bounded.
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string tenant)
    {
        var now = time.GetTimestamp();
        if (_seen.TryGetValue(tenant, out var seen) && time.GetElapsedTime(seen, now) < Lifetime)
        {
            return true;
        }

        if (!await pbx.Tenant(tenant).ExistsAsync())
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
                }
            }
        }

        _seen[tenant] = now;
        return true;
    }

    public void Forget(string tenant) => _seen.TryRemove(tenant, out _);
}
