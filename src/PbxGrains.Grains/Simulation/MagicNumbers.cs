using System.Collections.Frozen;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Simulation;

/// <summary>
/// Outside numbers with a fixed outcome in every tenant, whatever its outside-world rules say, so a test can count on
/// them. They are in 555-01xx, the range North America keeps for fiction. The README lists them.
/// </summary>
public static class MagicNumbers
{
    private static readonly FrozenDictionary<string, ExternalRule> Rules = new Dictionary<string, ExternalRule>
    {
        ["5550100"] = Rule("5550100", ExternalOutcome.Answer, 0),
        ["5550101"] = Rule("5550101", ExternalOutcome.Answer, 5),
        ["5550102"] = Rule("5550102", ExternalOutcome.Busy, 1),
        ["5550103"] = Rule("5550103", ExternalOutcome.NoAnswer, 0),
        ["5550104"] = Rule("5550104", ExternalOutcome.Congestion, 0),
        ["5550105"] = Rule("5550105", ExternalOutcome.Answer, 1) with { TalkTime = Distribution.Constant(10) },
        ["5550106"] = Rule("5550106", ExternalOutcome.Answer, 1) with { TalkTime = Distribution.Constant(60) },
        ["5550107"] = Rule("5550107", ExternalOutcome.Answer, 0),
        ["5550108"] = Rule("5550108", ExternalOutcome.Answer, 1) with { TalkTime = Distribution.Constant(60) },
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Magic numbers that meet a telephony fault every time, in every tenant: 5550107 is refused by the trunk at once
    /// with cause 38 (a lossy trunk's failure), 5550108 answers and drops 10 s into the talk with cause 38.
    /// </summary>
    private static readonly FrozenDictionary<string, FaultRule> Faults = new Dictionary<string, FaultRule>
    {
        ["5550107"] = new() { Id = "magic-5550107", Kind = FaultKind.TrunkLossy, Numbers = "5550107", Cause = HangupCause.NetworkOutOfOrder },
        ["5550108"] = new()
        {
            Id = "magic-5550108",
            Kind = FaultKind.CallDrop,
            Numbers = "5550108",
            Cause = HangupCause.NetworkOutOfOrder,
            Delay = Distribution.Constant(10),
        },
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The fixed rule for a magic number (with or without a leading '+1' or '1'), or null.</summary>
    public static ExternalRule? Find(string number) => Rules.GetValueOrDefault(Digits(number));

    /// <summary>The telephony fault a magic number meets every time, when it is of <paramref name="kind"/>; else null.</summary>
    public static FaultRule? FaultOf(FaultKind kind, string number) =>
        Faults.GetValueOrDefault(Digits(number)) is { } fault && fault.Kind == kind ? fault : null;

    private static string Digits(string number) =>
        number.StartsWith("+1", StringComparison.Ordinal) ? number[2..]
        : number.Length == 8 && number.StartsWith('1') ? number[1..]
        : number;

    public static IEnumerable<ExternalRule> All => Rules.Values.OrderBy(r => r.Pattern, StringComparer.Ordinal);

    private static ExternalRule Rule(string number, ExternalOutcome outcome, double delaySeconds) =>
        new() { Pattern = number, Outcome = outcome, Delay = Distribution.Constant(delaySeconds) };
}
