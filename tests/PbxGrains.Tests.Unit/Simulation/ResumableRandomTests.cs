using PbxGrains.Grains.Simulation;

namespace PbxGrains.Tests.Unit.Simulation;

public sealed class ResumableRandomTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-7)]
    [InlineData(42)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(1_234_567_891)]
    public void It_draws_exactly_what_a_Random_of_the_same_seed_draws(int seed)
    {
        var expected = new Random(seed);
        var actual = new ResumableRandom(seed);

        // The draws the simulation makes, mixed as a call makes them, and a few it does not make yet.
        for (var i = 0; i < 2_000; i++)
        {
            switch (i % 5)
            {
                case 0:
                    Assert.Equal(expected.NextDouble(), actual.NextDouble());
                    break;
                case 1:
                    Assert.Equal(expected.Next(), actual.Next());
                    break;
                case 2:
                    Assert.Equal(expected.Next(10), actual.Next(10));
                    break;
                case 3:
                    Assert.Equal(expected.Next(-5, 1000), actual.Next(-5, 1000));
                    break;
                default:
                    Assert.Equal(expected.Next(int.MinValue, int.MaxValue), actual.Next(int.MinValue, int.MaxValue));
                    break;
            }
        }
    }

    [Fact]
    public void A_generator_resumed_from_its_position_goes_on_with_the_draws_it_would_have_made()
    {
        var original = new ResumableRandom(2026);
        for (var i = 0; i < 37; i++)
        {
            original.NextDouble();
        }

        var resumed = ResumableRandom.Resume(original.Position);

        Assert.Equal(Enumerable.Range(0, 500).Select(_ => original.NextDouble()), Enumerable.Range(0, 500).Select(_ => resumed.NextDouble()));
    }

    [Fact]
    public void A_position_is_a_copy_that_later_draws_do_not_change()
    {
        var random = new ResumableRandom(5);
        var position = random.Position;
        var first = random.Next();

        Assert.Equal(first, ResumableRandom.Resume(position).Next());
    }

    [Fact]
    public void A_position_that_is_not_one_of_this_generator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ResumableRandom.Resume(new RandomPosition([1, 2, 3], 0, 21)));
    }

    [Fact]
    public void Its_64_bit_draws_stay_within_their_range()
    {
        var random = new ResumableRandom(9);

        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.InRange(random.NextInt64(-3, 17), -3, 16));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.InRange(random.NextInt64(), 0, long.MaxValue - 1));
    }
}
