using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// The random numbers of a fault rule, each a pure function of the rule's seed, the request's number among those the
/// rule matched, and a stream (what the number is for): no generator state, so a decision does not depend on the
/// order in which concurrent requests happened to draw.
/// </summary>
public static class FaultDraws
{
    public const int FireStream = 0;
    public const int DelayStream = 1;

    /// <summary>A number in [0, 1).</summary>
    public static double Uniform(int seed, long request, int stream)
    {
        // SplitMix64 over the three inputs: well mixed, so neighbouring requests draw unrelated numbers.
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)request ^ ((ulong)stream * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A delay drawn from <paramref name="distribution"/> (seconds, as the call model's distributions).</summary>
    public static TimeSpan Delay(Distribution distribution, int seed, long request)
    {
        var u = Uniform(seed, request, DelayStream);
        var seconds = distribution.Kind switch
        {
            DistributionKind.Uniform => distribution.A + ((distribution.B - distribution.A) * u),
            DistributionKind.Exponential => -distribution.A * Math.Log(1 - u),
            DistributionKind.LogNormal => LogNormal(distribution.A, distribution.B, u, Uniform(seed, request, DelayStream + 1)),
            _ => distribution.A,
        };
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    // The mean m and standard deviation s are the delay's own, as everywhere in the scenario documents.
    private static double LogNormal(double m, double s, double u1, double u2)
    {
        var sigma2 = Math.Log(1 + (s * s / (m * m)));
        var normal = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(Math.Log(m) - (sigma2 / 2) + (Math.Sqrt(sigma2) * normal));
    }
}
