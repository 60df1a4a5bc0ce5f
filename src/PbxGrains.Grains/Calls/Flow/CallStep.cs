using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>What one event did to the call: the next call, the effects that carry it out in order, and the reply.</summary>
internal readonly record struct CallStep(CallState Call, IReadOnlyList<CallEffect> Effects, CallReply? Reply);

/// <summary>
/// The flow's answer to a request, and whether the request acted on the call: when it did, the grain publishes what
/// changed once every effect is carried out (a refusal leaves the call as it was and publishes nothing).
/// </summary>
internal sealed record CallReply(PbxResult Result, bool Publish, int Slot = 0)
{
    public static readonly CallReply Done = new(PbxResult.Ok, true);

    public static CallReply Acted(PbxResult result) => result.IsOk ? Done : new(result, true);

    public static CallReply Refused(DomainError error, string detail) => new(PbxResult.Fail(error, detail), false);

    public static CallReply Refused(PbxResult refusal) => new(refusal, false);
}
