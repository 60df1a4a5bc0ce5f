using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>Whether a rule fires on its k-th matching request: every condition it sets must hold.</summary>
public static class FaultDecision
{
    /// <param name="request">The rule's count of matched requests, 1 for the first.</param>
    /// <param name="now">The simulated instant of the request (the rule's window is in simulated time).</param>
    public static bool Fires(FaultRule rule, long request, DateTimeOffset now) =>
        (rule.From is not { } from || now >= from)
        && (rule.Until is not { } until || now < until)
        && (rule.EveryNth <= 0 || request % rule.EveryNth == 0)
        && (rule.Probability >= 1 || FaultDraws.Uniform(rule.Seed, request, FaultDraws.FireStream) < rule.Probability);
}
