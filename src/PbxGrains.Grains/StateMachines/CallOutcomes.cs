using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.StateMachines;

/// <summary>How hangup causes become CDR dispositions (Asterisk's DIALSTATUS → disposition mapping).</summary>
public static class CallOutcomes
{
    public static CdrDisposition DispositionOf(bool answered, HangupCause cause)
    {
        if (answered)
        {
            return CdrDisposition.Answered;
        }

        return cause switch
        {
            HangupCause.UserBusy or HangupCause.CallRejected => CdrDisposition.Busy,
            HangupCause.NoAnswer or HangupCause.NoUserResponse or HangupCause.NormalClearing => CdrDisposition.NoAnswer,
            HangupCause.Congestion => CdrDisposition.Congestion,
            _ => CdrDisposition.Failed,
        };
    }
}
