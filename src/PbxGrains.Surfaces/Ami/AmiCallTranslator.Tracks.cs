using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>What is kept of a live call for the events the call model's do not say, and its record at the end.</summary>
public sealed partial class AmiCallTranslator
{
    /// <summary>The call's record as cdr_manager prints it, from the legs seen.</summary>
    private static AmiEvent Cdr(CallTrack call, DateTimeOffset end)
    {
        var caller = (call.Caller ?? call.Legs.Values.First()).Last;
        var called = call.Legs.Values.FirstOrDefault(l => !l.Originating)?.Last;
        var answered = call.Answered;
        var disposition = answered is not null ? "ANSWERED" : (called?.HangupCause ?? caller.HangupCause) switch
        {
            HangupCause.UserBusy => "BUSY",
            HangupCause.Congestion or HangupCause.UnallocatedNumber or HangupCause.NetworkOutOfOrder => "FAILED",
            _ => "NO ANSWER",
        };
        return AmiEvent.Of("Cdr", AmiPermission.Cdr, p => p
            .Add("AccountCode", caller.AccountCode)
            .Add("Source", caller.CallerIdNumber)
            .Add("Destination", caller.Exten)
            .Add("DestinationContext", caller.Context)
            .Add("CallerID", $"\"{caller.CallerIdName}\" <{caller.CallerIdNumber}>")
            .Add("Channel", caller.Name)
            .Add("DestinationChannel", called?.Name ?? "")
            .Add("LastApplication", called is null ? caller.Application : "Dial")
            .Add("LastData", called is null ? "" : called.Device)
            .Add("StartTime", Time(caller.Created))
            .Add("AnswerTime", answered is { } a ? Time(a) : "")
            .Add("EndTime", Time(end))
            .Add("Duration", (long)(end - caller.Created).TotalSeconds)
            .Add("BillableSeconds", answered is { } b ? (long)(end - b).TotalSeconds : 0)
            .Add("Disposition", disposition)
            .Add("AMAFlags", "DOCUMENTATION")
            .Add("UniqueID", call.CallId)
            .Add("UserField", ""));
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed class CallTrack(string callId)
    {
        public string CallId => callId;

        public Dictionary<string, LegTrack> Legs { get; } = new(StringComparer.Ordinal);

        public LegTrack? Caller => Legs.Values.FirstOrDefault(l => l.Originating);

        public string? BridgeId { get; set; }

        public int Bridges { get; set; }

        public HashSet<string> InBridge { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? Answered { get; set; }

        public bool HangupRequested { get; set; }

        public DateTimeOffset? QueueJoined { get; set; }

        public int QueuePosition { get; set; }

        public DateTimeOffset? QueueConnected { get; set; }

        public string? QueueMember { get; set; }

        public string QueueName { get; set; } = "";

        public bool QueueCompleted { get; set; }
    }

    private sealed class LegTrack(ChannelSnapshot first, bool originating, DateTimeOffset created)
    {
        public ChannelSnapshot Last { get; set; } = first;

        public bool Originating => originating;

        public DateTimeOffset Created => created;

        /// <summary>The leg that dialled this one (its picture at the time), for DialBegin/DialEnd.</summary>
        public ChannelSnapshot? DialedBy { get; set; }

        public bool DialEnded { get; set; }

        public DateTimeOffset? ParkedAt { get; set; }

        /// <summary>The queue that rang this leg (a member's leg), for the agent events.</summary>
        public string? Queue { get; set; }
    }
}
