namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>The KS helper against the Kolmogorov distribution's known quantiles and a sample that fits exactly.</summary>
public sealed class KolmogorovSmirnovTests
{
    [Theory]
    [InlineData(1.3581, 0.05)]
    [InlineData(1.6276, 0.01)]
    [InlineData(1.9495, 0.001)]
    public void The_tail_at_the_kolmogorov_distribution_s_quantile_is_its_level(double quantile, double level)
    {
        // For a large n Stephens' λ is √n·D to a few parts in a thousand: D chosen so that λ is the quantile.
        const int n = 1_000_000;
        var d = quantile / (Math.Sqrt(n) + 0.12 + 0.11 / Math.Sqrt(n));

        Assert.Equal(level, KolmogorovSmirnov.PValue(n, d), 4);
    }

    [Fact]
    public void A_sample_at_the_distribution_s_own_quantiles_is_half_a_step_away_and_a_wrong_rate_is_far()
    {
        const double rate = 0.5;
        const int n = 400;
        var sample = Enumerable.Range(0, n).Select(i => -Math.Log(1 - (i + 0.5) / n) / rate).ToArray();

        var fit = KolmogorovSmirnov.Exponential(sample, rate);
        Assert.Equal(0.5 / n, fit.D, 9);
        Assert.Equal(1, fit.P);
        Assert.True(KolmogorovSmirnov.Exponential(sample, rate * 1.5).P < 0.001);
    }
}
