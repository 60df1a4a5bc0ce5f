using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Tests.Unit;

public sealed class CallOutcomesTests
{
    [Theory]
    [InlineData(HangupCause.NormalClearing)]
    [InlineData(HangupCause.UserBusy)]
    [InlineData(HangupCause.Congestion)]
    [InlineData(HangupCause.NotDefined)]
    public void An_answered_call_is_answered_whatever_the_hangup_cause(HangupCause cause)
    {
        Assert.Equal(CdrDisposition.Answered, CallOutcomes.DispositionOf(answered: true, cause));
    }

    [Theory]
    [InlineData(HangupCause.UserBusy, CdrDisposition.Busy)]
    [InlineData(HangupCause.CallRejected, CdrDisposition.Busy)]
    [InlineData(HangupCause.NoAnswer, CdrDisposition.NoAnswer)]
    [InlineData(HangupCause.NoUserResponse, CdrDisposition.NoAnswer)]
    [InlineData(HangupCause.NormalClearing, CdrDisposition.NoAnswer)]
    [InlineData(HangupCause.Congestion, CdrDisposition.Congestion)]
    [InlineData(HangupCause.NotDefined, CdrDisposition.Failed)]
    [InlineData(HangupCause.UnallocatedNumber, CdrDisposition.Failed)]
    [InlineData(HangupCause.SubscriberAbsent, CdrDisposition.Failed)]
    [InlineData(HangupCause.DestinationOutOfOrder, CdrDisposition.Failed)]
    [InlineData(HangupCause.NormalUnspecified, CdrDisposition.Failed)]
    [InlineData(HangupCause.NetworkOutOfOrder, CdrDisposition.Failed)]
    public void An_unanswered_call_takes_its_disposition_from_the_hangup_cause(HangupCause cause, CdrDisposition disposition)
    {
        Assert.Equal(disposition, CallOutcomes.DispositionOf(answered: false, cause));
    }
}
