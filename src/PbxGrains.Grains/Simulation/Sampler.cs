using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Simulation;

/// <summary>Draws durations from a <see cref="Distribution"/> with a caller-supplied (seeded) random source.</summary>
public static class Sampler
{
    public static TimeSpan Draw(Distribution distribution, Random random) =>
        TimeSpan.FromSeconds(Math.Max(0, DrawSeconds(distribution, random)));

    public static double DrawSeconds(Distribution distribution, Random random)
    {
        switch (distribution.Kind)
        {
            case DistributionKind.Constant:
                return distribution.A;
            case DistributionKind.Exponential:
                return -distribution.A * Math.Log(1 - random.NextDouble());
            case DistributionKind.Uniform:
                return distribution.A + ((distribution.B - distribution.A) * random.NextDouble());
            case DistributionKind.LogNormal:
                // Parameters of the underlying normal from the mean m and standard deviation s of the duration.
                var m = distribution.A;
                var s = distribution.B;
                var sigma2 = Math.Log(1 + (s * s / (m * m)));
                var mu = Math.Log(m) - (sigma2 / 2);
                return Math.Exp(mu + (Math.Sqrt(sigma2) * StandardNormal(random)));
            default:
                return distribution.A;
        }
    }

    public static bool Chance(double probability, Random random) => probability >= 1 || (probability > 0 && random.NextDouble() < probability);

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument away from zero.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
