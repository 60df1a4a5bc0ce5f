using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// Transport faults on one socket connection by time: rules for its surface and its connection endpoint (named
/// explicitly: a rule for every operation is about requests), of kind <c>connectionReset</c> (the connection is reset)
/// or <c>malformedBody</c> (a cut-off message, then the connection closes). A connection has no requests to count: each
/// second of its life is one, so <c>everyNth: 120</c> drops it every two minutes, <c>probability</c> draws per second
/// from the rule's seed, and <c>from</c>/<c>until</c> bound it in simulated time. Used by the Escaux event socket
/// (endpoint <c>events</c>) and the manager interface (endpoint <c>connection</c>).
/// </summary>
public sealed class SocketFaults(FaultInjector faults, PbxClock clock, string surface, string endpoint, string address)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public bool Carries(FaultRule rule) =>
        rule.Kind is FaultKind.ConnectionReset or FaultKind.MalformedBody
        && rule.Endpoint.Equals(endpoint, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Waits, a second at a time, for a fault of the connection's current tenant and user (null: none yet) to fire;
    /// the one that fired.
    /// </summary>
    public async Task<FaultRule> WatchAsync(Func<(string? Tenant, string? User)> who, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Tick);
        for (long second = 1; await timer.WaitForNextTickAsync(stop); second++)
        {
            if (who() is not ({ } tenant, var user))
            {
                continue;
            }

            var target = new FaultTarget(surface, endpoint, address, user);
            var now = clock.Now;
            foreach (var rule in await faults.RulesOf(tenant))
            {
                if (Carries(rule) && target.Matches(rule) && FaultDecision.Fires(rule, second, now))
                {
                    faults.Record(tenant, target, rule, second, now);
                    return rule;
                }
            }
        }

        throw new OperationCanceledException(stop);
    }
}
