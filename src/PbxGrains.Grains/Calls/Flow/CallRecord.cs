using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>The CDR of a call that ends: its facts, its first leg as the channel and the leg that answered as the destination.</summary>
internal static class CallRecord
{
    public static CdrRecord Of(CallState call, DateTimeOffset end)
    {
        var facts = call.Facts;
        var principal = call.Legs.Where(l => l.Principal).ToList();
        var first = principal.FirstOrDefault();
        var destination = (facts.AnsweredLeg is { } answered ? principal.Find(l => l.Name == answered) : null)
            ?? principal.LastOrDefault(l => l != first);
        var cause = facts.EndCause ?? HangupCause.NormalClearing;
        return new CdrRecord
        {
            UniqueId = call.CallId,
            Start = facts.Started,
            Answer = facts.Answered,
            End = end,
            Duration = (int)Math.Max(0, (end - facts.Started).TotalSeconds),
            BillSec = facts.Answered is { } at ? (int)Math.Max(0, (end - at).TotalSeconds) : 0,
            Disposition = CallOutcomes.DispositionOf(facts.Answered is not null, cause),
            Source = facts.Source,
            CallerIdName = facts.CallerIdName,
            Destination = facts.Destination,
            DestinationContext = EndContext(call) ?? first?.Channel.Context ?? "",
            Channel = first?.Name ?? "",
            DestinationChannel = destination?.Name ?? "",
            AccountCode = facts.AccountCode,
            CustomFields = facts.CustomFields,
            RecordingFile = facts.RecordingFile ?? principal.Select(l => l.Channel.RecordingFile).FirstOrDefault(f => f is not null),
            LastApplication = facts.LastApplication,
            Channels = [.. principal.Select(l => l.Name)],
            Queue = call.Queue?.Name,
            HangupCause = cause,
        };
    }

    /// <summary>The context a call ends in: a call into a context that was never answered goes to its hangup context.</summary>
    private static string? EndContext(CallState call) =>
        call.Plan.AnswerContext is not null && call.Facts.Answered is null ? call.Plan.HangupContext : null;
}
