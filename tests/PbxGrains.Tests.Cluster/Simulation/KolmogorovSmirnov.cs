namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The one-sample Kolmogorov–Smirnov test of a sample against a fully specified exponential distribution (the rate is
/// the configured one, not estimated from the sample, so the Kolmogorov distribution applies as it is).
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// D, the largest distance between the sample's empirical distribution and Exp(<paramref name="rate"/>)'s, and the
    /// probability of a distance at least as large if the sample were drawn from it.
    /// </summary>
    public static Verdict Exponential(IReadOnlyCollection<double> sample, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sample.Count, 1, nameof(sample));
        var sorted = sample.Order().ToArray();
        var n = sorted.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = 1 - Math.Exp(-rate * sorted[i]);

            // The empirical distribution steps from i/n to (i+1)/n at each point: the distance is largest at one side.
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }

        return new Verdict(n, d, PValue(n, d));
    }

    /// <summary>
    /// The Kolmogorov distribution's tail, Q(λ) = 2 Σ (−1)^(j−1) e^(−2j²λ²), at Stephens' λ = (√n + 0.12 + 0.11/√n)·D,
    /// accurate for every n a test of this project draws (tens and more).
    /// </summary>
    public static double PValue(int n, double d)
    {
        var root = Math.Sqrt(n);
        var lambda = (root + 0.12 + 0.11 / root) * d;
        if (lambda < 0.2)
        {
            // The series converges slowly there; the tail is 1 to many decimals.
            return 1;
        }

        var sum = 0.0;
        for (var j = 1; j <= 100; j++)
        {
            var term = Math.Exp(-2 * j * j * lambda * lambda);
            sum += j % 2 == 1 ? term : -term;
            if (term < 1e-12)
            {
                break;
            }
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    public sealed record class Verdict(int Count, double D, double P)
    {
        public override string ToString() => FormattableString.Invariant($"n {Count}, D {D:0.0000}, p {P:0.####}");
    }
}
