using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// This process's count of the requests each fault rule matched and the faults it fired: a rule's k-th match decides
/// its k-th firing (<see cref="FaultDraws"/>), so the count is what makes a run repeatable. A changed rule (a new
/// version) counts from zero again. Per process: with several API processes each counts its own share.
/// </summary>
public sealed class FaultCounts
{
    // A rule is at most 64 per tenant; the bound only stops a long-lived process from keeping removed rules for ever.
    private const int MaxRules = 65_536;

    private readonly ConcurrentDictionary<(string Tenant, string Rule), Count> _counts = new();

    /// <summary>Counts one more request the rule matched; the answer is its number (1 for the first).</summary>
    public long Matched(string tenant, FaultRule rule)
    {
        var count = Of(tenant, rule);
        return Interlocked.Increment(ref count.Matched);
    }

    public void Fired(string tenant, FaultRule rule) => Interlocked.Increment(ref Of(tenant, rule).Fired);

    /// <summary>What this process counted for the rule: requests matched and faults fired.</summary>
    public (long Matched, long Fired) Of(string tenant, string rule, long version) =>
        _counts.TryGetValue((tenant, rule), out var count) && count.Version == version
            ? (Interlocked.Read(ref count.Matched), Interlocked.Read(ref count.Fired))
            : (0, 0);

    private Count Of(string tenant, FaultRule rule)
    {
        var key = (tenant, rule.Id);
        if (_counts.TryGetValue(key, out var count) && count.Version == rule.Version)
        {
            return count;
        }

        if (_counts.Count >= MaxRules)
        {
            _counts.Clear();
        }

        return _counts.AddOrUpdate(key, _ => new Count(rule.Version), (_, old) => old.Version == rule.Version ? old : new Count(rule.Version));
    }

    private sealed class Count(long version)
    {
        public readonly long Version = version;
        public long Matched;
        public long Fired;
    }
}
