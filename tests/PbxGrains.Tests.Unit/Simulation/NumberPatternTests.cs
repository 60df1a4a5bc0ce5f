using PbxGrains.Grains.Simulation;

namespace PbxGrains.Tests.Unit.Simulation;

public sealed class NumberPatternTests
{
    [Fact]
    public void Every_X_becomes_a_digit_and_everything_else_stays()
    {
        var number = NumberPattern.Expand("+3204XXX1X", new Random(1));

        Assert.Equal(10, number.Length);
        Assert.StartsWith("+3204", number, StringComparison.Ordinal);
        Assert.Equal('1', number[8]);
        Assert.All(new[] { number[5], number[6], number[7], number[9] }, c => Assert.True(char.IsAsciiDigit(c), $"'{c}' in {number}"));
    }

    [Fact]
    public void A_pattern_without_X_is_its_own_number()
    {
        Assert.Equal("5550102", NumberPattern.Expand("5550102", new Random(1)));
    }

    [Fact]
    public void A_lower_case_x_is_not_a_random_digit()
    {
        Assert.Equal("04x", NumberPattern.Expand("04x", new Random(1)));
    }

    [Fact]
    public void Random_digits_cover_zero_to_nine()
    {
        var random = new Random(2);

        // 1000 digits miss one of ten values with probability about 10 × 0.9^1000 ≈ 2·10⁻⁴⁵.
        var digits = Enumerable.Range(0, 100).SelectMany(_ => NumberPattern.Expand("XXXXXXXXXX", random)).ToHashSet();

        Assert.Equal("0123456789".ToHashSet(), digits);
    }

    [Fact]
    public void The_same_seed_expands_to_the_same_numbers()
    {
        var first = new Random(9);
        var second = new Random(9);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(NumberPattern.Expand("04XXXXXXXX", first), NumberPattern.Expand("04XXXXXXXX", second)));
    }

    [Theory]
    [InlineData("04XXXXXXXX")]
    [InlineData("+32XXXXXXXX")]
    [InlineData("5550102")]
    [InlineData("X")]
    [InlineData("123456789012345678901234")]
    [InlineData("+XXXXXXXXXXXXXXXXXXXXXXXX")]
    public void A_pattern_of_digits_and_X_after_an_optional_plus_is_valid(string pattern)
    {
        Assert.True(NumberPattern.IsValid(pattern));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("++32")]
    [InlineData("04-123")]
    [InlineData("04 123")]
    [InlineData("04x123")]
    [InlineData("*21")]
    [InlineData("32+1")]
    [InlineData("1234567890123456789012345")]
    public void Anything_else_is_not_a_valid_pattern(string? pattern)
    {
        Assert.False(NumberPattern.IsValid(pattern));
    }
}
