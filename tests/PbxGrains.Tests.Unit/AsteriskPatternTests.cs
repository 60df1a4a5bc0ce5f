using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class AsteriskPatternTests
{
    [Theory]
    [InlineData("4001", "4001", true)]
    [InlineData("4001", "4002", false)]
    [InlineData("4001", "40011", false)]
    [InlineData("4001", "400", false)]
    [InlineData("X", "X", true)]
    [InlineData("X", "5", false)]
    public void A_pattern_without_underscore_is_a_literal_number(string pattern, string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches(pattern, number));
    }

    [Theory]
    [InlineData("12", true)]
    [InlineData("0032475123456", true)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData("a1", false)]
    public void X_dot_matches_a_digit_followed_by_one_or_more_characters(string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches("_X.", number));
    }

    [Theory]
    [InlineData("200", true)]
    [InlineData("999", true)]
    [InlineData("100", false)]
    [InlineData("099", false)]
    [InlineData("20", false)]
    [InlineData("2000", false)]
    public void N_matches_two_to_nine_and_X_any_digit(string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches("_NXX", number));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("9", true)]
    [InlineData("0", false)]
    public void Z_matches_one_to_nine(string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches("_Z", number));
    }

    [Theory]
    [InlineData("_x.", "12")]
    [InlineData("_nxx", "234")]
    [InlineData("_z", "7")]
    public void Pattern_letters_are_case_insensitive(string pattern, string number)
    {
        Assert.True(AsteriskPattern.Matches(pattern, number));
    }

    [Theory]
    [InlineData("_[1-3]", "1", true)]
    [InlineData("_[1-3]", "3", true)]
    [InlineData("_[1-3]", "4", false)]
    [InlineData("_[1-3]", "0", false)]
    [InlineData("_[135]", "3", true)]
    [InlineData("_[135]", "2", false)]
    [InlineData("_[13-5]X", "47", true)]
    [InlineData("_[13-5]X", "27", false)]
    [InlineData("_0[89]00XXXXXX", "0800123456", true)]
    [InlineData("_0[89]00XXXXXX", "0700123456", false)]
    [InlineData("_[1-3]", "", false)]
    [InlineData("_[1-3", "1", false)]
    public void Brackets_match_one_character_from_a_set_or_range(string pattern, string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches(pattern, number));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1234", true)]
    [InlineData("", false)]
    [InlineData("2", false)]
    public void Exclamation_mark_matches_zero_or_more_characters(string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches("_1!", number));
    }

    [Theory]
    [InlineData("_800XXXXXX", "800123456", true)]
    [InlineData("_800XXXXXX", "80012345", false)]
    [InlineData("_800XXXXXX", "900123456", false)]
    [InlineData("_00.", "0032475", true)]
    public void Literal_digits_in_a_pattern_match_themselves(string pattern, string number, bool matches)
    {
        Assert.Equal(matches, AsteriskPattern.Matches(pattern, number));
    }

    [Theory]
    [InlineData("4001", true)]
    [InlineData("_X.", true)]
    [InlineData("_[1-3]XX", true)]
    [InlineData("_NXX[0-9]!", true)]
    [InlineData("", false)]
    [InlineData("_", false)]
    [InlineData("_[1-3", false)]
    [InlineData("_1-3]", false)]
    [InlineData("_[[1-3]]", false)]
    [InlineData("_X]X[", false)]
    [InlineData("_0 X.", false)]
    [InlineData("40 01", false)]
    public void IsValid_accepts_numbers_and_well_formed_patterns(string pattern, bool valid)
    {
        Assert.Equal(valid, AsteriskPattern.IsValid(pattern));
    }
}
