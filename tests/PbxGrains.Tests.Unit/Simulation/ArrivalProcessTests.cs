using System.Collections.Immutable;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Tests.Unit.Simulation;

/// <remarks>
/// Tolerances. A Poisson process of rate λ counts N(T) ~ Poisson(λT) arrivals in a horizon T, with standard deviation
/// √(λT); for λT in the thousands the normal approximation is good (skewness 1/√(λT) ≤ 0.02). Its gaps are independent
/// exponentials of mean μ = 1/λ and standard deviation μ, so the mean of n gaps has standard error μ/√n (central limit
/// theorem). Each quantity is allowed 5 standard deviations: a correct process misses that band with probability
/// P(|Z| &gt; 5) ≈ 6·10⁻⁷ for an arbitrary seed; the 24 hourly counts of a profile are checked together, so by the union
/// bound all 24 hold except with probability ≤ 24 × 6·10⁻⁷ ≈ 1.4·10⁻⁵. The counts of a piecewise-constant profile are
/// Poisson too: over D days the arrivals in hour h of the day number Poisson(λ·f(h)·D). The seeds are fixed, so each
/// test is deterministic anyway; the bands say that a pass is not luck of the seed.
/// </remarks>
public sealed class ArrivalProcessTests
{
    private const double StandardErrors = 5;

    /// <summary>Midnight UTC, so whole days of a profile start at hour 0.</summary>
    private static readonly DateTimeOffset Midnight = new(2025, 3, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_constant_rate_averages_its_mean_gap()
    {
        const double callsPerHour = 120;
        const int n = 100_000;
        var process = new ArrivalProcess(callsPerHour, [], new Random(21));

        var arrivals = Arrivals(process, Midnight).Take(n + 1).ToList();

        var meanGap = (arrivals[^1] - arrivals[0]).TotalSeconds / n;
        var mu = 3600 / callsPerHour;
        var band = StandardErrors * mu / Math.Sqrt(n);
        Assert.InRange(meanGap, mu - band, mu + band);
    }

    [Fact]
    public void A_constant_rate_places_its_expected_count_over_a_long_horizon()
    {
        const double callsPerHour = 120;
        const double hours = 1000;
        var process = new ArrivalProcess(callsPerHour, [], new Random(22));

        var count = Arrivals(process, Midnight).TakeWhile(a => a < Midnight.AddHours(hours)).Count();

        var expected = callsPerHour * hours;
        var band = StandardErrors * Math.Sqrt(expected);
        Assert.InRange(count, expected - band, expected + band);
    }

    [Fact]
    public void A_zero_rate_has_no_next_arrival()
    {
        Assert.Null(new ArrivalProcess(0, [], new Random(1)).Next(Midnight));
        Assert.Null(new ArrivalProcess(0, Profile(_ => 1), new Random(1)).Next(Midnight));
    }

    [Fact]
    public void A_profile_that_is_zero_all_day_has_no_next_arrival()
    {
        Assert.Null(new ArrivalProcess(600, Profile(_ => 0), new Random(1)).Next(Midnight));
    }

    [Fact]
    public void A_profile_never_places_an_arrival_in_an_hour_whose_factor_is_zero()
    {
        // Open 07:00-19:00 with a lunch dip; closed at night and at 13:00.
        var profile = Profile(h => h is >= 7 and < 19 && h != 13 ? (h == 12 ? 0.25 : 1) : 0);
        var process = new ArrivalProcess(600, profile, new Random(23));

        var arrivals = Arrivals(process, Midnight.AddHours(3.5)).TakeWhile(a => a < Midnight.AddDays(30)).ToList();

        Assert.NotEmpty(arrivals);
        Assert.All(arrivals, a => Assert.True(profile[a.UtcDateTime.Hour] > 0, $"an arrival at {a:O} falls in a closed hour"));
    }

    [Fact]
    public void A_high_rate_with_one_open_hour_a_day_finds_that_hour_the_next_day()
    {
        // Only 12:00-13:00 is open: from 13:00, 23 closed hours at a high rate lie between now and the next arrival.
        var process = new ArrivalProcess(100_000, Profile(h => h == 12 ? 1 : 0), new Random(24));
        var now = Midnight.AddHours(13);

        var next = process.Next(now);

        Assert.NotNull(next);
        Assert.InRange(next.Value, Midnight.AddDays(1).AddHours(12), Midnight.AddDays(1).AddHours(13));
    }

    [Fact]
    public void A_profile_shapes_the_hourly_counts_by_its_factors()
    {
        const double callsPerHour = 60;
        const int days = 100;
        double[] factors = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1.5, 2, 3, 3, 2, 1.5, 2, 3, 3, 2, 1.5, 1, 1, 0.5, 0.5, 0.5, 0.5];
        var process = new ArrivalProcess(callsPerHour, [.. factors], new Random(25));

        var counts = new int[24];
        foreach (var arrival in Arrivals(process, Midnight).TakeWhile(a => a < Midnight.AddDays(days)))
        {
            counts[arrival.UtcDateTime.Hour]++;
        }

        for (var hour = 0; hour < 24; hour++)
        {
            var expected = callsPerHour * factors[hour] * days;
            var band = StandardErrors * Math.Sqrt(expected);
            Assert.True(Math.Abs(counts[hour] - expected) <= band,
                $"hour {hour}: {counts[hour]} arrivals, expected {expected} ± {band:F0}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Arrivals_strictly_follow_each_other_even_at_the_highest_rate(bool withProfile)
    {
        // At a million calls an hour the mean gap is 3.6 ms; among 200000 gaps a few are below half a tick (50 ns).
        var profile = withProfile ? Profile(h => h % 2 == 0 ? 1 : 0.5) : [];
        var process = new ArrivalProcess(1_000_000, profile, new Random(26));
        var previous = Midnight;

        for (var i = 0; i < 200_000; i++)
        {
            var next = process.Next(previous);
            Assert.NotNull(next);
            Assert.True(next > previous, $"arrival {i} at {next:O} does not follow {previous:O}");
            previous = next.Value;
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_arrivals()
    {
        var profile = Profile(h => 1 + (h % 3));

        var first = Arrivals(new ArrivalProcess(300, profile, new Random(7)), Midnight).Take(1000).ToList();
        var second = Arrivals(new ArrivalProcess(300, profile, new Random(7)), Midnight).Take(1000).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_factor_of_an_instant_is_that_of_its_UTC_hour()
    {
        var process = new ArrivalProcess(60, Profile(h => h), new Random(1));

        Assert.Equal(9, process.FactorAt(new DateTimeOffset(2025, 3, 14, 11, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal(1, new ArrivalProcess(60, [], new Random(1)).FactorAt(Midnight.AddHours(5)));
    }

    private static ImmutableArray<double> Profile(Func<int, double> factor) => [.. Enumerable.Range(0, 24).Select(factor)];

    /// <summary>The process run forward: each arrival drawn from the one before.</summary>
    private static IEnumerable<DateTimeOffset> Arrivals(ArrivalProcess process, DateTimeOffset from)
    {
        var t = from;
        while (process.Next(t) is { } next)
        {
            yield return next;
            t = next;
        }
    }
}
