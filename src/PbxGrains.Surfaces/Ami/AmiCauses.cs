using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>The manager's words for the call model's hangup causes and outcomes.</summary>
public static class AmiCauses
{
    /// <summary>Asterisk's <c>ast_cause2str</c> texts (<c>Cause-txt</c>).</summary>
    public static string Text(HangupCause cause) => cause switch
    {
        HangupCause.UnallocatedNumber => "Unallocated (unassigned) number",
        HangupCause.NormalClearing => "Normal Clearing",
        HangupCause.UserBusy => "User busy",
        HangupCause.NoUserResponse => "No user responding",
        HangupCause.NoAnswer => "User alerting, no answer",
        HangupCause.SubscriberAbsent => "Subscriber absent",
        HangupCause.CallRejected => "Call Rejected",
        HangupCause.DestinationOutOfOrder => "Destination out of order",
        HangupCause.NormalUnspecified => "Normal, unspecified",
        HangupCause.Congestion => "Circuit/channel congestion",
        HangupCause.NetworkOutOfOrder => "Network out of order",
        _ => "Unknown",
    };

    /// <summary>A dialled leg that ended without answering, as <c>DialEnd</c>'s <c>DialStatus</c> says it (app_dial's DIALSTATUS).</summary>
    public static string DialStatus(HangupCause cause) => cause switch
    {
        HangupCause.UserBusy => "BUSY",
        HangupCause.NoAnswer or HangupCause.NoUserResponse => "NOANSWER",
        HangupCause.Congestion => "CONGESTION",
        HangupCause.UnallocatedNumber or HangupCause.SubscriberAbsent or HangupCause.DestinationOutOfOrder or HangupCause.NetworkOutOfOrder => "CHANUNAVAIL",
        _ => "CANCEL",
    };

    /// <summary>The <c>Cause</c> header a client may give to <c>Hangup</c>; unknown numbers hang up normally.</summary>
    public static HangupCause FromNumber(string value) =>
        int.TryParse(value, out var number) && Enum.IsDefined(typeof(HangupCause), number) ? (HangupCause)number : HangupCause.NormalClearing;

    /// <summary>Asterisk's device state names (<c>ast_devstate_str</c>), as DeviceStateChange and PJSIP listings print them.</summary>
    public static string DeviceStateName(DeviceState state) => state switch
    {
        DeviceState.NotInUse => "NOT_INUSE",
        DeviceState.InUse => "INUSE",
        DeviceState.Busy => "BUSY",
        DeviceState.Invalid => "INVALID",
        DeviceState.Unavailable => "UNAVAILABLE",
        DeviceState.Ringing => "RINGING",
        DeviceState.RingInUse => "RINGINUSE",
        DeviceState.OnHold => "ONHOLD",
        _ => "UNKNOWN",
    };

    /// <summary>Queue member status numbers (<c>QueueMember</c>'s <c>Status</c>): Asterisk's device state numbers.</summary>
    public static int MemberStatus(DeviceState state) => (int)state;
}
