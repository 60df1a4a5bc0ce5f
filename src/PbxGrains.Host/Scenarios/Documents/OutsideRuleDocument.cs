namespace PbxGrains.Host.Scenarios.Documents;

public sealed class OutsideRuleDocument
{
    public string? Pattern { get; set; }

    public string? Outcome { get; set; }

    public DistributionDocument? Delay { get; set; }

    public DistributionDocument? TalkTime { get; set; }

    public double? AnswerProbability { get; set; }
}
