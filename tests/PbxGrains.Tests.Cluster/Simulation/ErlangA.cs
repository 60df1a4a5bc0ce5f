namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// Erlang A (M/M/N+M): Poisson arrivals, N agents with exponential handle time h, callers whose patience is exponential
/// with mean p and who leave when it runs out before an agent answers. Solved exactly as the birth–death chain of the
/// number of callers in the system: births at λ = A/h, deaths at min(k, N)/h + max(k − N, 0)/p. Unlike Erlang C it
/// has a steady state at any load (abandonment bounds the queue).
/// </summary>
public static class ErlangA
{
    /// <summary>The chain's measures: P(wait) (an arrival finds every agent busy), P(abandon), and Wq (the mean time in queue of all arrivals, in seconds).</summary>
    public sealed record class Result(double ProbabilityOfWaiting, double ProbabilityOfAbandon, double MeanWaitSeconds);

    public static Result Solve(int agents, double erlangs, double handleSeconds, double meanPatienceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(erlangs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handleSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(meanPatienceSeconds);

        var arrivalRate = erlangs / handleSeconds;

        // π_k up to a common factor, term by term (π_k = π_{k−1} · λ/death_k), so nothing overflows; beyond N the terms
        // fall faster than geometrically, and the sum stops when one no longer changes it.
        var weights = new List<double> { 1 };
        var total = 1.0;
        for (var k = 1; ; k++)
        {
            var deathRate = (Math.Min(k, agents) / handleSeconds) + (Math.Max(k - agents, 0) / meanPatienceSeconds);
            var weight = weights[^1] * arrivalRate / deathRate;
            weights.Add(weight);
            total += weight;
            if (k > agents && weight < total * 1e-17)
            {
                break;
            }
        }

        double waiting = 0, queueLength = 0;
        for (var k = agents; k < weights.Count; k++)
        {
            waiting += weights[k] / total;
            queueLength += (k - agents) * weights[k] / total;
        }

        // PASTA: an arrival sees the time-average state. Little's law: Wq = Lq/λ. Callers in queue abandon at rate Lq/p,
        // a share Lq/(pλ) of arrivals.
        var meanWait = arrivalRate == 0 ? 0 : queueLength / arrivalRate;
        return new Result(waiting, meanWait / meanPatienceSeconds, meanWait);
    }
}
