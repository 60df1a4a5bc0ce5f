using System.Collections.Immutable;

namespace PbxGrains.Grains.Simulation;

/// <summary>
/// Arrival times of a Poisson process whose rate may vary over the day: <c>rate × profile[hour]</c>. A constant rate
/// gives exponential gaps; a varying one is sampled by thinning (Lewis and Shedler): candidates at the peak rate, each
/// kept with probability rate(t) / peak, which yields exactly the non-homogeneous process.
/// </summary>
public sealed class ArrivalProcess(double callsPerHour, ImmutableArray<double> hourlyProfile, Random random)
{
    /// <summary>Candidates examined before giving up (a profile that is zero for a whole day has no arrivals).</summary>
    private const int MaxCandidates = 100_000;

    private readonly double[] _profile = hourlyProfile.IsDefaultOrEmpty ? [] : [.. hourlyProfile];

    public double CallsPerHour { get; } = callsPerHour;

    /// <summary>The next arrival strictly after <paramref name="now"/>, or null when the rate is zero.</summary>
    public DateTimeOffset? Next(DateTimeOffset now)
    {
        var peak = CallsPerHour * (_profile.Length == 0 ? 1 : _profile.Max());
        if (peak <= 0 || double.IsNaN(peak))
        {
            return null;
        }

        var t = now;
        for (var i = 0; i < MaxCandidates; i++)
        {
            t = t.AddHours(-Math.Log(1 - random.NextDouble()) / peak);
            var rate = CallsPerHour * FactorAt(t);
            if (rate >= peak || random.NextDouble() * peak < rate)
            {
                return t;
            }
        }

        return null;
    }

    public double FactorAt(DateTimeOffset at) => _profile.Length == 0 ? 1 : _profile[at.UtcDateTime.Hour];
}
