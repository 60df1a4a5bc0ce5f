using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Ami;

namespace PbxGrains.Tests.Ami;

/// <summary>The call model's events turned into manager events: names and order, without a cluster.</summary>
public sealed class TranslatorTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly ChannelSnapshot Caller = new()
    {
        Name = "SIP/102-00000001",
        UniqueId = "1772442000.1",
        CallId = "1772442000.1",
        State = ChannelState.Ring,
        CallerIdNumber = "102",
        Exten = "103",
        Endpoint = "102",
        Created = At,
    };

    private static readonly ChannelSnapshot Called = new()
    {
        Name = "SIP/103-00000002",
        UniqueId = "1772442000.2",
        CallId = "1772442000.1",
        State = ChannelState.Ringing,
        CallerIdNumber = "102",
        Exten = "103",
        Endpoint = "103",
        Created = At,
    };

    private static CallEvent Event(CallEventKind kind, ChannelSnapshot channel, bool originating = false) =>
        new() { Kind = kind, At = At, Channel = channel, Originating = originating };

    private static List<string> Names(params CallEvent[] events)
    {
        var translator = new AmiCallTranslator();
        var output = new List<AmiEvent>();
        foreach (var e in events)
        {
            translator.Translate(e, output);
        }

        return [.. output.Select(e => e.Name)];
    }

    [Fact]
    public void A_call_from_dial_to_hangup_comes_in_asterisks_order_and_ends_with_its_cdr()
    {
        var up = Called with { State = ChannelState.Up, LinkedChannel = Caller.Name, Answered = At, Version = 2 };
        var callerUp = Caller with { State = ChannelState.Up, LinkedChannel = Called.Name, Version = 2 };
        var names = Names(
            Event(CallEventKind.ChannelCreated, Caller, originating: true),
            Event(CallEventKind.ChannelCreated, Called),
            Event(CallEventKind.Linked, callerUp, originating: true),
            Event(CallEventKind.Answered, up),
            Event(CallEventKind.Linked, up),
            Event(CallEventKind.HungUp, callerUp with { HangupCause = HangupCause.NormalClearing, Version = 3 }, originating: true),
            Event(CallEventKind.HungUp, up with { HangupCause = HangupCause.NormalClearing, Version = 3 }));

        Assert.Equal(
            ["Newchannel", "Newchannel", "DialBegin", "Newstate", "Newstate", "Newstate", "DialEnd", "BridgeCreate", "BridgeEnter",
             "BridgeEnter", "BridgeLeave", "HangupRequest", "Hangup", "BridgeLeave", "BridgeDestroy", "Hangup", "Cdr"],
            names);
    }

    [Fact]
    public void A_leg_first_seen_after_its_creation_still_gets_its_newchannel_first_and_a_late_creation_adds_nothing()
    {
        var ringing = Called with { Version = 2, ConnectedLineNumber = "102" };

        var names = Names(
            Event(CallEventKind.Updated, Caller with { Version = 2 }, originating: true),
            Event(CallEventKind.Updated, ringing),
            Event(CallEventKind.ChannelCreated, Caller, originating: true));

        Assert.Equal(["Newchannel", "Newchannel"], names);
    }

    [Fact]
    public void A_dialled_leg_that_is_busy_ends_its_dial_with_busy_and_the_cdr_says_busy()
    {
        var translator = new AmiCallTranslator();
        var output = new List<AmiEvent>();
        translator.Translate(Event(CallEventKind.ChannelCreated, Caller, originating: true), output);
        translator.Translate(Event(CallEventKind.ChannelCreated, Called), output);
        translator.Translate(Event(CallEventKind.HungUp, Called with { HangupCause = HangupCause.UserBusy, Version = 2 }), output);
        translator.Translate(Event(CallEventKind.HungUp, Caller with { HangupCause = HangupCause.UserBusy, Version = 2 }, originating: true), output);

        Assert.Contains("DialStatus: BUSY\r\n", output.Single(e => e.Name == "DialEnd").Text, StringComparison.Ordinal);
        Assert.Contains("Cause-txt: User busy\r\n", output.First(e => e.Name == "Hangup").Text, StringComparison.Ordinal);
        Assert.Contains("Disposition: BUSY\r\n", output.Single(e => e.Name == "Cdr").Text, StringComparison.Ordinal);
        Assert.Equal(0, translator.LiveCalls);
    }
}
