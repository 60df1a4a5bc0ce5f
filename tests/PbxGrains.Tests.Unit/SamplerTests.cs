using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Tests.Unit;

/// <remarks>
/// Tolerances. For N independent draws of a distribution with standard deviation σ, the sample mean has standard
/// error σ/√N (central limit theorem); for N = 20000 that is σ × 0.00707. Each mean is allowed 5 standard errors:
/// a correct sampler would miss that band with probability P(|Z| &gt; 5) ≈ 6·10⁻⁷ for an arbitrary seed, and
/// because the seed is fixed the outcome is deterministic anyway. σ is the distribution's own: exponential σ = mean;
/// uniform σ = (max − min)/√12; lognormal σ = the configured standard deviation. For the lognormal used here
/// (coefficient of variation 0.5, skewness 3·0.5 + 0.5³ = 1.625) the skewness of the sample mean is 1.625/√N ≈ 0.01,
/// so the normal approximation holds. Shares (fraction below the median, frequency of a chance) are binomial with
/// standard error √(p(1−p)/N), again allowed 5 of them.
/// </remarks>
public sealed class SamplerTests
{
    private const int N = 20_000;
    private const double StandardErrors = 5;

    [Theory]
    [InlineData(0)]
    [InlineData(2.5)]
    [InlineData(3600)]
    public void A_constant_distribution_always_draws_exactly_its_value(double seconds)
    {
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(seconds, Sampler.DrawSeconds(Distribution.Constant(seconds), random)));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Sampler.Draw(Distribution.Constant(seconds), random));
    }

    [Fact]
    public void A_negative_draw_becomes_a_zero_duration()
    {
        Assert.Equal(TimeSpan.Zero, Sampler.Draw(Distribution.Constant(-4), new Random(1)));
    }

    [Fact]
    public void Uniform_draws_stay_within_their_bounds_and_average_to_the_midpoint()
    {
        var samples = Draw(Distribution.Uniform(10, 30), seed: 11);

        Assert.All(samples, s => Assert.InRange(s, 10, 30));
        var sigma = (30 - 10) / Math.Sqrt(12);
        Assert.InRange(samples.Average(), 20 - Tolerance(sigma), 20 + Tolerance(sigma));
    }

    [Fact]
    public void A_uniform_distribution_of_zero_width_draws_its_one_value()
    {
        Assert.Equal(7, Sampler.DrawSeconds(Distribution.Uniform(7, 7), new Random(3)));
    }

    [Fact]
    public void Exponential_draws_are_not_negative_and_average_to_the_mean()
    {
        const double mean = 180;
        var samples = Draw(Distribution.Exponential(mean), seed: 12);

        Assert.All(samples, s => Assert.True(s >= 0));
        Assert.InRange(samples.Average(), mean - Tolerance(mean), mean + Tolerance(mean));
    }

    [Fact]
    public void Half_of_the_exponential_draws_fall_below_the_median()
    {
        const double mean = 180;
        var samples = Draw(Distribution.Exponential(mean), seed: 13);

        var share = samples.Count(s => s < mean * Math.Log(2)) / (double)N;

        Assert.InRange(share, 0.5 - ShareTolerance(0.5), 0.5 + ShareTolerance(0.5));
    }

    [Fact]
    public void Lognormal_draws_are_positive_and_average_to_the_configured_mean()
    {
        const double mean = 240;
        const double sd = 120;
        var samples = Draw(Distribution.LogNormal(mean, sd), seed: 14);

        Assert.All(samples, s => Assert.True(s > 0));
        Assert.InRange(samples.Average(), mean - Tolerance(sd), mean + Tolerance(sd));
    }

    [Fact]
    public void Half_of_the_lognormal_draws_fall_below_its_median()
    {
        const double mean = 240;
        const double sd = 120;
        var samples = Draw(Distribution.LogNormal(mean, sd), seed: 15);

        // The median of a lognormal is e^μ = mean / √(1 + cv²).
        var median = mean / Math.Sqrt(1 + (sd * sd / (mean * mean)));
        var share = samples.Count(s => s < median) / (double)N;

        Assert.InRange(share, 0.5 - ShareTolerance(0.5), 0.5 + ShareTolerance(0.5));
    }

    [Fact]
    public void A_lognormal_without_spread_draws_its_mean()
    {
        Assert.Equal(90, Sampler.DrawSeconds(Distribution.LogNormal(90, 0), new Random(5)), 9);
    }

    [Theory]
    [InlineData(DistributionKind.Exponential)]
    [InlineData(DistributionKind.Uniform)]
    [InlineData(DistributionKind.LogNormal)]
    public void The_same_seed_draws_the_same_sequence(DistributionKind kind)
    {
        var distribution = new Distribution(kind, 60, 90);

        Assert.Equal(Draw(distribution, seed: 99, count: 100), Draw(distribution, seed: 99, count: 100));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void A_certain_chance_always_happens(double probability)
    {
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(Sampler.Chance(probability, random)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void An_impossible_chance_never_happens(double probability)
    {
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.False(Sampler.Chance(probability, random)));
    }

    [Fact]
    public void A_chance_happens_about_as_often_as_its_probability()
    {
        const double p = 0.3;
        var random = new Random(16);

        var share = Enumerable.Range(0, N).Count(_ => Sampler.Chance(p, random)) / (double)N;

        Assert.InRange(share, p - ShareTolerance(p), p + ShareTolerance(p));
    }

    private static double Tolerance(double sigma) => StandardErrors * sigma / Math.Sqrt(N);

    private static double ShareTolerance(double p) => StandardErrors * Math.Sqrt(p * (1 - p) / N);

    private static List<double> Draw(Distribution distribution, int seed, int count = N)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Sampler.DrawSeconds(distribution, random))];
    }
}
