namespace PbxGrains.Abstractions.Model;

/// <summary>Q.850 hangup causes as Asterisk reports them (AST_CAUSE_*).</summary>
public enum HangupCause
{
    NotDefined = 0,
    UnallocatedNumber = 1,
    NormalClearing = 16,
    UserBusy = 17,
    NoUserResponse = 18,
    NoAnswer = 19,
    SubscriberAbsent = 20,
    CallRejected = 21,
    DestinationOutOfOrder = 27,
    NormalUnspecified = 31,
    Congestion = 34,
    NetworkOutOfOrder = 38,
}
