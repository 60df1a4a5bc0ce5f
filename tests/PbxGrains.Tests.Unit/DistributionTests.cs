using PbxGrains.Abstractions.Model;

namespace PbxGrains.Tests.Unit;

public sealed class DistributionTests
{
    public static TheoryData<Distribution> ValidDistributions =>
    [
        Distribution.Constant(0),
        Distribution.Constant(30),
        Distribution.Exponential(180),
        Distribution.Uniform(0, 0),
        Distribution.Uniform(5, 10),
        Distribution.LogNormal(240, 0),
        Distribution.LogNormal(240, 120),
    ];

    [Theory]
    [MemberData(nameof(ValidDistributions))]
    public void A_well_formed_distribution_is_valid(Distribution distribution)
    {
        Assert.Null(distribution.Validate());
    }

    public static TheoryData<Distribution, string> InvalidDistributions => new()
    {
        { Distribution.Constant(-1), "values must be finite and not negative" },
        { Distribution.Constant(double.NaN), "values must be finite and not negative" },
        { Distribution.Constant(double.PositiveInfinity), "values must be finite and not negative" },
        { Distribution.Uniform(5, double.NaN), "values must be finite and not negative" },
        { Distribution.LogNormal(60, -1), "values must be finite and not negative" },
        { Distribution.Uniform(10, 5), "max must not be below min" },
        { Distribution.Exponential(0), "mean must be positive" },
        { Distribution.LogNormal(0, 10), "mean must be positive" },
    };

    [Theory]
    [MemberData(nameof(InvalidDistributions))]
    public void A_malformed_distribution_says_what_is_wrong(Distribution distribution, string problem)
    {
        Assert.Equal(problem, distribution.Validate());
    }

    [Fact]
    public void The_mean_of_a_uniform_distribution_is_its_midpoint_and_of_the_others_their_first_parameter()
    {
        Assert.Equal(15, Distribution.Uniform(10, 20).Mean);
        Assert.Equal(30, Distribution.Constant(30).Mean);
        Assert.Equal(180, Distribution.Exponential(180).Mean);
        Assert.Equal(240, Distribution.LogNormal(240, 60).Mean);
    }
}
