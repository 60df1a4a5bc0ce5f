using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>One fault this process injected.</summary>
/// <param name="At">The simulated instant of the request.</param>
/// <param name="Request">The rule's count of matched requests when it fired (1 for the first match).</param>
public sealed record FiredFault(string Rule, FaultKind Kind, string Surface, string Endpoint, string Client, long Request, DateTimeOffset At);

/// <summary>The last faults this process injected for each tenant, for the control API; bounded per tenant and in tenants.</summary>
public sealed class FiredFaults
{
    public const int PerTenant = 100;
    private const int MaxTenants = 4096;

    private readonly ConcurrentDictionary<string, Queue<FiredFault>> _tenants = new(StringComparer.Ordinal);

    public void Add(string tenant, FiredFault fired)
    {
        if (_tenants.Count >= MaxTenants && !_tenants.ContainsKey(tenant))
        {
            _tenants.Clear();
        }

        var recent = _tenants.GetOrAdd(tenant, _ => new Queue<FiredFault>());
        lock (recent)
        {
            recent.Enqueue(fired);
            if (recent.Count > PerTenant)
            {
                recent.Dequeue();
            }
        }
    }

    /// <summary>The tenant's recent faults, oldest first.</summary>
    public IReadOnlyList<FiredFault> Of(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var recent))
        {
            return [];
        }

        lock (recent)
        {
            return [.. recent];
        }
    }

    /// <summary>Forgets a tenant's faults (it was deleted).</summary>
    public void Forget(string tenant) => _tenants.TryRemove(tenant, out _);
}
