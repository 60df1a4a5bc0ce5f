using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>What the simulated phone behind an extension does when it is called.</summary>
[GenerateSerializer, Immutable, Alias("pbx.phone-behaviour")]
public sealed record class PhoneBehaviour
{
    public static readonly PhoneBehaviour ManualPhone = new();

    [Id(0)] public PhoneMode Mode { get; init; } = PhoneMode.Manual;

    /// <summary>Seconds from the start of ringing to the answer (auto-answer) or the decline (reject).</summary>
    [Id(1)] public Distribution AnswerDelay { get; init; } = Distribution.Constant(2);

    /// <summary>The chance that an auto-answer phone answers at all; otherwise it rings until the ring timer expires.</summary>
    [Id(2)] public double AnswerProbability { get; init; } = 1.0;

    /// <summary>When set, the phone hangs up by itself this long after the call is connected.</summary>
    [Id(3)] public Distribution? TalkTime { get; init; }
}
