using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Tests.Unit.Simulation;

/// <summary>The README's table of magic numbers, number by number. Which wins over a tenant's rule is a cluster test.</summary>
public sealed class MagicNumbersTests
{
    public static readonly TheoryData<string, ExternalOutcome, double, double?> Documented = new()
    {
        { "5550100", ExternalOutcome.Answer, 0, null },
        { "5550101", ExternalOutcome.Answer, 5, null },
        { "5550102", ExternalOutcome.Busy, 1, null },
        { "5550103", ExternalOutcome.NoAnswer, 0, null },
        { "5550104", ExternalOutcome.Congestion, 0, null },
        { "5550105", ExternalOutcome.Answer, 1, 10 },
        { "5550106", ExternalOutcome.Answer, 1, 60 },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void A_magic_number_has_its_documented_outcome_delay_and_talk_time(string number, ExternalOutcome outcome, double delay, double? talk)
    {
        var rule = MagicNumbers.Find(number);

        Assert.NotNull(rule);
        Assert.Equal((outcome, Distribution.Constant(delay), talk is { } t ? Distribution.Constant(t) : null), (rule.Outcome, rule.Delay, rule.TalkTime));
        Assert.Equal(1.0, rule.AnswerProbability);
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void A_magic_number_works_after_plus_one_and_after_one(string number, ExternalOutcome outcome, double delay, double? talk)
    {
        _ = (delay, talk);

        Assert.Equal(outcome, MagicNumbers.Find("+1" + number)?.Outcome);
        Assert.Equal(outcome, MagicNumbers.Find("1" + number)?.Outcome);
        Assert.Same(MagicNumbers.Find(number), MagicNumbers.Find("+1" + number));
    }

    [Theory]
    [InlineData("5550099")]
    [InlineData("5550109")]
    [InlineData("555010")]
    [InlineData("55501020")]
    [InlineData("05550102")]
    [InlineData("25550102")]
    [InlineData("+25550102")]
    [InlineData("115550102")]
    [InlineData("+5550102")]
    [InlineData("")]
    public void Any_other_number_is_not_magic(string number)
    {
        Assert.Null(MagicNumbers.Find(number));
    }

    [Fact]
    public void All_lists_the_nine_documented_numbers_in_order()
    {
        Assert.Equal(["5550100", "5550101", "5550102", "5550103", "5550104", "5550105", "5550106", "5550107", "5550108"], MagicNumbers.All.Select(r => r.Pattern));
    }

    [Theory]
    [InlineData("5550107", FaultKind.TrunkLossy)]
    [InlineData("+15550107", FaultKind.TrunkLossy)]
    [InlineData("15550108", FaultKind.CallDrop)]
    public void The_fault_numbers_meet_their_fault_and_no_other(string number, FaultKind kind)
    {
        var fault = MagicNumbers.FaultOf(kind, number);
        Assert.NotNull(fault);
        Assert.Equal(HangupCause.NetworkOutOfOrder, fault.Cause);
        Assert.Null(MagicNumbers.FaultOf(kind == FaultKind.CallDrop ? FaultKind.TrunkLossy : FaultKind.CallDrop, number));
        Assert.Null(MagicNumbers.FaultOf(kind, "5550106"));
    }
}
