using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Faults;

/// <summary>What a request meets: the delay of the latency faults that fired, and the first other fault that fired.</summary>
/// <param name="DelayedBy">The ids of the latency faults that fired.</param>
public readonly record struct FaultPlan(TimeSpan Delay, IReadOnlyList<string> DelayedBy, FaultRule? Answer)
{
    public static readonly FaultPlan None = new(TimeSpan.Zero, [], null);
}

/// <summary>
/// Decides which of a tenant's faults a request meets, for every surface alike (the HTTP middleware, the manager
/// socket). Every matching rule counts the request, whatever the others do, so each rule's decisions depend only on its
/// own seed and matches; each fault that fires is counted (<c>pbx.faults.injected</c>), logged and listed. Nothing here
/// may fail a request: rules that cannot be read are no rules.
/// </summary>
public sealed class FaultInjector(
    TenantFaultRules rules,
    FaultCounts counts,
    FiredFaults fired,
    FaultMetrics metrics,
    PbxClock clock,
    ILogger<FaultInjector> logger)
{
    /// <param name="describe">What the request is; asked only when the tenant has faults (naming an operation may read the request).</param>
    /// <param name="kinds">The kinds the surface can carry out (a socket has no HTTP status); a rule of another kind is not matched.</param>
    public async ValueTask<FaultPlan> DecideAsync(string tenant, Func<ValueTask<FaultTarget>> describe, Func<FaultKind, bool>? kinds = null)
    {
        var tenantRules = await RulesOf(tenant);
        if (tenantRules.IsDefaultOrEmpty)
        {
            return FaultPlan.None;
        }

        var target = await describe();
        FaultRule? answer = null;
        var delay = TimeSpan.Zero;
        List<string>? delayedBy = null;
        foreach (var rule in tenantRules)
        {
            if (!target.Matches(rule) || kinds?.Invoke(rule.Kind) == false)
            {
                continue;
            }

            var request = counts.Matched(tenant, rule);
            var now = clock.Now;
            if (!FaultDecision.Fires(rule, request, now) || (rule.Kind != FaultKind.Latency && answer is not null))
            {
                continue;
            }

            Record(tenant, target, rule, request, now);
            if (rule.Kind == FaultKind.Latency)
            {
                // Delays add up, and come before whatever answers.
                delay += FaultDraws.Delay(rule.Delay!, rule.Seed, request);
                (delayedBy ??= []).Add(rule.Id);
            }
            else
            {
                answer = rule;
            }
        }

        return new FaultPlan(delay, delayedBy ?? [], answer);
    }

    /// <summary>
    /// A fault that fired by a count of the caller's own (a socket counts the seconds of a connection's life, not
    /// requests): counted, logged and listed like the others.
    /// </summary>
    public void Record(string tenant, FaultTarget target, FaultRule rule, long request, DateTimeOffset now)
    {
        counts.Fired(tenant, rule);
        metrics.Injected(tenant, target.Surface, rule.Kind);
        fired.Add(tenant, new FiredFault(rule.Id, rule.Kind, target.Surface, target.Endpoint, target.Client, request, now));
        logger.LogInformation("Fault {Rule} of {Tenant} fired on {Surface} {Endpoint} for {Client}: {Kind} (match {Request})",
            rule.Id, tenant, target.Surface, target.Endpoint, target.Client, FaultNames.Of(rule.Kind), request);
    }

    /// <summary>The tenant's rules as this process knows them; none when they cannot be read.</summary>
    public async ValueTask<ImmutableArray<FaultRule>> RulesOf(string tenant)
    {
        try
        {
            return await rules.GetAsync(tenant);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The surface's own read of the tenant reports what is wrong; a fault must never be the cause of a failure.
            logger.LogDebug(error, "Faults of {Tenant} could not be read", tenant);
            return [];
        }
    }
}
