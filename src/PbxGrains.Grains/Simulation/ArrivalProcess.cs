using System.Collections.Immutable;

namespace PbxGrains.Grains.Simulation;

/// <summary>
/// Arrival times of a Poisson process whose rate may vary over the day: <c>rate × profile[hour]</c>. The rate is
/// constant within each hour, so the process is sampled exactly hour by hour: an exponential gap at the hour's rate,
/// and when that gap would pass the end of the hour, a fresh start from the hour's end at the next hour's rate (the
/// process has no memory, so discarding the overshoot is exact). Unlike thinning at the peak rate, this costs one
/// draw per hour crossed whatever the ratio of peak to trough, so a high rate with closed hours still finds the next
/// open hour.
/// </summary>
public sealed class ArrivalProcess(double callsPerHour, ImmutableArray<double> hourlyProfile, Random random)
{
    /// <summary>
    /// Hours searched for an arrival before giving up (ten years): a rate so low that none falls in them is treated as
    /// no arrivals at all, which also keeps every answer far inside <see cref="DateTimeOffset.MaxValue"/>.
    /// </summary>
    private const int MaxHours = 24 * 366 * 10;

    private readonly double[] _profile = hourlyProfile.IsDefaultOrEmpty ? [] : [.. hourlyProfile];

    public double CallsPerHour { get; } = callsPerHour;

    /// <summary>The next arrival strictly after <paramref name="now"/>, or null when there is none (a zero rate).</summary>
    public DateTimeOffset? Next(DateTimeOffset now)
    {
        if (!(CallsPerHour > 0) || double.IsInfinity(CallsPerHour) || (_profile.Length > 0 && !_profile.Any(f => f > 0)))
        {
            return null;
        }

        var limit = DateTimeOffset.MaxValue - now < TimeSpan.FromHours(MaxHours) ? DateTimeOffset.MaxValue : now.AddHours(MaxHours);
        var t = now;
        while (t < limit)
        {
            // The rate holds until the end of t's hour (for ever without a profile).
            var end = _profile.Length == 0 ? limit : Min(StartOfHour(t).AddHours(1), limit);
            var rate = CallsPerHour * FactorAt(t);
            if (rate > 0)
            {
                var gapTicks = -Math.Log(1 - random.NextDouble()) / rate * TimeSpan.TicksPerHour;
                if (gapTicks < (end - t).Ticks)
                {
                    // Rounding up to a whole tick may reach the next hour, which the profile may close.
                    var arrival = After(t, gapTicks);
                    if (arrival < end)
                    {
                        return arrival;
                    }
                }
            }

            t = end;
        }

        return null;
    }

    public double FactorAt(DateTimeOffset at) => _profile.Length == 0 ? 1 : _profile[at.UtcDateTime.Hour];

    /// <summary>
    /// The arrival a gap after <paramref name="t"/>, at least one tick later: a gap far below a tick (high rates draw
    /// millions) must not round to an arrival at the same instant, or arrivals would not strictly follow each other.
    /// </summary>
    private static DateTimeOffset After(DateTimeOffset t, double gapTicks) => t.AddTicks(Math.Max(1, (long)Math.Ceiling(gapTicks)));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset StartOfHour(DateTimeOffset t)
    {
        var utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerHour), TimeSpan.Zero).ToOffset(t.Offset);
    }
}
