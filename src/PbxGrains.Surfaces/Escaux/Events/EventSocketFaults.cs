using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// Transport faults on one event socket connection: rules of surface <c>escaux</c> and endpoint <c>events</c> (named
/// explicitly: an Escaux rule for every operation is about the HTTP API) of kind <c>connectionReset</c> (the connection is
/// reset) or <c>malformedBody</c> (half an event, then the connection closes). A socket has no requests to count: each
/// second of the connection's life is one, so <c>everyNth: 120</c> drops it every two minutes, <c>probability</c> draws
/// per second from the rule's seed, and <c>from</c>/<c>until</c> bound it in simulated time.
/// </summary>
internal sealed class EventSocketFaults(FaultInjector faults, PbxClock clock, string peer)
{
    public const string Endpoint = "events";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static bool Carries(FaultRule rule) =>
        rule.Kind is FaultKind.ConnectionReset or FaultKind.MalformedBody
        && rule.Endpoint.Equals(Endpoint, StringComparison.OrdinalIgnoreCase);

    /// <summary>Waits, a second at a time, for a fault of the connection's current tenant to fire; the one that fired.</summary>
    public async Task<FaultRule> WatchAsync(Func<string?> tenant, CancellationToken stop)
    {
        var target = new FaultTarget("escaux", Endpoint, peer, null);
        using var timer = new PeriodicTimer(Tick);
        for (long second = 1; await timer.WaitForNextTickAsync(stop); second++)
        {
            if (tenant() is not { } current)
            {
                continue;
            }

            var now = clock.Now;
            foreach (var rule in await faults.RulesOf(current))
            {
                if (Carries(rule) && target.Matches(rule) && FaultDecision.Fires(rule, second, now))
                {
                    faults.Record(current, target, rule, second, now);
                    return rule;
                }
            }
        }

        throw new OperationCanceledException(stop);
    }
}
