using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Escaux.Events;

namespace PbxGrains.Tests.EscauxEvents;

/// <summary>The event XML against the document's own examples, and the shape of the events it leaves to us.</summary>
public sealed class EventXmlTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static ChannelSnapshot Channel(string name, ChannelState state = ChannelState.Ring) => new()
    {
        Name = name,
        UniqueId = "1772442000.1",
        CallId = "1772442000.1",
        State = state,
        CallerIdNumber = "104",
        Exten = "102",
        Endpoint = "104",
    };

    private static string One(CallEvent e) => Assert.Single(EscauxEventXml.Render(e));

    [Fact]
    public void An_incoming_call_is_announced_as_the_document_shows_evNewOrigChannel()
    {
        var xml = One(new CallEvent { Kind = CallEventKind.ChannelCreated, At = At, Channel = Channel("SIP/SDC30015-d156"), Originating = true });

        Assert.Equal("<evNewOrigChannel>\n<Channel>SIP/SDC30015-d156</Channel>\n<CallerId>104</CallerId>\n<Extension>102</Extension>\n</evNewOrigChannel>\n", xml);
    }

    [Fact]
    public void A_parked_call_is_announced_as_the_document_shows_evParked()
    {
        var xml = One(new CallEvent { Kind = CallEventKind.Parked, At = At, Channel = Channel("SIP/SDC30015-d156", ChannelState.Up) with { ParkedSlot = 1000 }, ParkedSlot = 1000, ParkingLot = "default" });

        Assert.Equal("<evParked>\n<ParkSlot>1000</ParkSlot>\n<Channel>SIP/SDC30015-d156</Channel>\n</evParked>\n", xml);
    }

    [Fact]
    public void A_ping_becomes_an_empty_evPong()
    {
        Assert.Equal("<evPong>\n</evPong>\n", One(new CallEvent { Kind = CallEventKind.Ping, At = At, Token = "t" }));
    }

    [Fact]
    public void The_ccPing_answer_is_the_documents()
    {
        Assert.Equal("<ccPingResult>\n<Result>0</Result>\n</ccPingResult>\n", EscauxEventsApi.CcPingXml(0));
        Assert.Equal("{\"Result\":1}", EscauxEventsApi.CcPingJson(1));
    }

    [Fact]
    public void An_originate_leg_that_rings_is_both_a_new_originating_channel_and_ringing()
    {
        var rings = Channel("SIP/104-00000001", ChannelState.Ringing);
        var xml = EscauxEventXml.Render(new CallEvent { Kind = CallEventKind.ChannelCreated, At = At, Channel = rings, Originating = true }).ToList();

        Assert.Equal(["evNewOrigChannel", "evRinging"], xml.Select(x => System.Xml.Linq.XElement.Parse(x).Name.LocalName));
        Assert.Equal("<evRinging>\n<Channel>SIP/104-00000001</Channel>\n<CallerId>104</CallerId>\n<Extension>104</Extension>\n</evRinging>\n", xml[1]);
    }

    [Fact]
    public void The_other_events_have_their_documented_children()
    {
        var up = Channel("SIP/102-00000002", ChannelState.Up) with { LinkedChannel = "SIP/trunk-00000001", ConnectedLineNumber = "0470123456", Endpoint = "102", Queue = "sales" };
        string Render(CallEventKind kind, Func<CallEvent, CallEvent>? change = null) =>
            One((change ?? (e => e))(new CallEvent { Kind = kind, At = At, Channel = up }));

        Assert.Equal("<evAnswered>\n<Channel>SIP/102-00000002</Channel>\n<CallerId>104</CallerId>\n<Extension>102</Extension>\n</evAnswered>\n", Render(CallEventKind.Answered));
        Assert.Equal("<evLink>\n<Channel>SIP/102-00000002</Channel>\n<Link>SIP/trunk-00000001</Link>\n<CallerId>0470123456</CallerId>\n</evLink>\n", Render(CallEventKind.Linked));
        Assert.Equal("<evHold>\n<Channel>SIP/102-00000002</Channel>\n</evHold>\n", Render(CallEventKind.Held));
        Assert.Equal("<evUnhold>\n<Channel>SIP/102-00000002</Channel>\n</evUnhold>\n", Render(CallEventKind.Unheld));
        Assert.Equal("<evUnparked>\n<ParkSlot>701</ParkSlot>\n<Channel>SIP/102-00000002</Channel>\n</evUnparked>\n", Render(CallEventKind.Unparked, e => e with { ParkedSlot = 701 }));
        Assert.Equal("<evHangup>\n<Channel>SIP/102-00000002</Channel>\n<Cause>17</Cause>\n</evHangup>\n",
            Render(CallEventKind.HungUp, e => e with { Channel = up with { HangupCause = HangupCause.UserBusy } }));
        Assert.Equal("<evQueueJoin>\n<Queue>sales</Queue>\n<Channel>SIP/102-00000002</Channel>\n<CallerId>104</CallerId>\n<Position>2</Position>\n</evQueueJoin>\n",
            Render(CallEventKind.QueueJoined, e => e with { Queue = "sales", QueuePosition = 2 }));
        Assert.Equal("<evQueueLeave>\n<Queue>sales</Queue>\n<Channel>SIP/102-00000002</Channel>\n<Reason>answered</Reason>\n<Link>SIP/trunk-00000001</Link>\n</evQueueLeave>\n",
            Render(CallEventKind.QueueLeft, e => e with { Queue = "sales", QueueExit = QueueExit.Answered }));
        Assert.Equal("<evQueueLeave>\n<Queue>sales</Queue>\n<Channel>SIP/102-00000002</Channel>\n<Reason>abandoned</Reason>\n<Link></Link>\n</evQueueLeave>\n",
            Render(CallEventKind.QueueLeft, e => e with { Queue = "sales", QueueExit = QueueExit.Abandoned }));
    }

    [Fact]
    public void Values_are_escaped()
    {
        var xml = One(new CallEvent { Kind = CallEventKind.ChannelCreated, At = At, Channel = Channel("SIP/a&b-1") with { CallerIdNumber = "<104>" }, Originating = true });

        Assert.Contains("<Channel>SIP/a&amp;b-1</Channel>", xml);
        Assert.Contains("<CallerId>&lt;104&gt;</CallerId>", xml);
    }
}
