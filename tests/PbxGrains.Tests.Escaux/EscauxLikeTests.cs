using PbxGrains.Surfaces.Escaux;

namespace PbxGrains.Tests.Escaux;

/// <summary>dbGetDirectoryInfo's LIKE filters stay linear in the value, whatever the pattern.</summary>
public sealed class EscauxLikeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("strict")]
    [InlineData("translate")]
    public void Many_wildcards_against_a_long_value_answer_instead_of_timing_out(string? mode)
    {
        // A backtracking engine tries every way to place 15 a's among 40 and exceeded its 100 ms: the request failed.
        var value = new string('a', 40);
        Assert.False(EscauxLike.Create(string.Concat(Enumerable.Repeat("%a", 15)) + "%b", mode).Matches(value));
        Assert.True(EscauxLike.Create(string.Concat(Enumerable.Repeat("%a", 15)) + "%", mode).Matches(value));
        Assert.True(EscauxLike.Create(string.Concat(Enumerable.Repeat("_", 40)), mode).Matches(value));
        Assert.False(EscauxLike.Create(string.Concat(Enumerable.Repeat("_", 41)), mode).Matches(value));
    }

    [Fact]
    public void Case_and_the_contains_default_still_hold()
    {
        Assert.True(EscauxLike.Create("GOOGLE", null).Matches("sergey@google.com"));
        Assert.False(EscauxLike.Create("GOOGLE", "strict").Matches("sergey@google.com"));
        Assert.True(EscauxLike.Create("*@GOOGLE.com", "translate").Matches("sergey@google.com"));
        Assert.False(EscauxLike.Create("x", null).Matches(null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("strict")]
    [InlineData("translate")]
    public void A_filter_of_thousands_of_characters_is_matched_not_refused(string? mode)
    {
        // The non-backtracking regex refused a ~2,000-character filter (its automaton past its size limit): a 500.
        var value = "sergey@google.com";
        Assert.False(EscauxLike.Create(new string('x', 2_000), mode).Matches(value));
        Assert.False(EscauxLike.Create(string.Concat(Enumerable.Repeat("%a", 1_000)), mode).Matches(value));
        Assert.True(EscauxLike.Create(new string('%', 2_000), mode).Matches(value));
        Assert.True(EscauxLike.Create(new string('%', 1_000) + "sergey@google.com" + new string('%', 1_000), mode).Matches(value));
    }

    [Fact]
    public void Wildcards_mean_what_LIKE_means()
    {
        Assert.True(EscauxLike.Create("s_rg%m", "strict").Matches("sergey@google.com"));
        Assert.False(EscauxLike.Create("s_rg%x", "strict").Matches("sergey@google.com"));
        Assert.True(EscauxLike.Create("%google%", "strict").Matches("sergey@google.com"));
        Assert.True(EscauxLike.Create("", null).Matches(""));
        Assert.False(EscauxLike.Create("", "strict").Matches("a"));
        Assert.True(EscauxLike.Create("*", null).Matches("a*b"));
        Assert.False(EscauxLike.Create("*", "translate").Matches(null));
        Assert.True(EscauxLike.Create("a%%%b", "strict").Matches("ab"));
    }
}
