using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using static PbxGrains.Tests.Escaux.EscauxFixture;

namespace PbxGrains.Tests.Escaux;

[Collection(EscauxCollection.Name)]
public sealed class CallControlTests(EscauxFixture fixture)
{
    /// <summary>ccOriginate from 104's phone SDC30015 to 102: the source rings on SIP/SDC30015-…</summary>
    private async Task<ChannelSnapshot> OriginateAsync(string demo, string extra = "")
    {
        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDC30015&to=102&async=true" + extra));
        var channels = await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => !c.IsEmpty, "the originate's first leg");
        return Assert.Single(channels);
    }

    [Fact]
    public async Task Originate_rings_the_phone_first_with_the_variables_and_refuses_what_it_cannot_place()
    {
        var demo = await fixture.DemoAsync();

        var leg = await OriginateAsync(demo, "&var=Campaign=Spring|Empty=&ext=599");
        Assert.StartsWith("SIP/SDC30015-", leg.Name, StringComparison.Ordinal);
        Assert.Equal("Spring", leg.Variables["Campaign"]);

        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDX99999&to=102"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDC30015"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDB20001&to=104&var=bad=no%20spaces"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=102&to=104&technology=Local"));   // Local needs ext
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDB20001&to=104&ext=4003"));     // 4003 has no phone
        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=512&to=4003&technology=Local&ext=599&async=true"));
    }

    [Fact]
    public async Task Without_async_originate_answers_once_the_source_phone_has_answered_or_refused()
    {
        var demo = await fixture.DemoAsync();

        var answered = fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDC30015&to=102");
        var leg = (await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => !c.IsEmpty, "104 to ring"))[0];
        Assert.False(answered.IsCompleted);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, leg.Name)).IsOk);
        Assert.Equal(0, await answered);

        var refused = fixture.ResultAsync(demo, "/xml/ccOriginate.php?phone_id=SDPJ0003&to=666");
        var ringing = await UntilAsync(() => fixture.Pbx.Extension(demo, "599").GetAsync(), e => !e.Channels.IsEmpty, "599 to ring");
        Assert.True((await fixture.Pbx.RejectAsync(demo, ringing.Channels[0].Name)).IsOk);
        Assert.Equal(1, await refused);
    }

    [Fact]
    public async Task Channels_list_with_variables_and_variables_can_be_set_and_read()
    {
        var demo = await fixture.DemoAsync();
        var leg = await OriginateAsync(demo);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccSetvar?channel_id={leg.Name}&variable=Ticket&value=4711"));
        var read = await fixture.XmlAsync(demo, $"/xml/ccGetvar?channel_id={leg.Name}&variable=Ticket");
        Assert.Equal(["0", "4711"], read.Elements().Select(e => e.Value));
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccGetVar.php?channel_id={leg.Name}&variable=Nothing"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccSetVar.php?channel_id=SIP/nobody-1&variable=Ticket&value=1"));

        var channel = Assert.Single((await fixture.XmlAsync(demo, "/xml/ccGetChannels?show_vars=Ticket|Other")).Elements("Channel"));
        Assert.Equal(leg.Name, (string)channel.Element("ID")!);
        Assert.Equal("Ringing", (string)channel.Element("State")!);
        Assert.Equal(["4711", ""], channel.Element("Vars")!.Elements().Select(e => e.Value));
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/ccGetChannels.php?hold_only=1")).Elements());
        Assert.Single((await fixture.JsonAsync(demo, "/xml/ccGetChannels.json"))["Channel"]!.AsArray());
    }

    [Fact]
    public async Task Record_starts_and_stops_the_call_models_recording()
    {
        var demo = await fixture.DemoAsync();
        var leg = await OriginateAsync(demo);
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&filename=exampleFile&action=start"));   // not a call yet
        Assert.True((await fixture.Pbx.AnswerAsync(demo, leg.Name)).IsOk);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&filename=exampleFile&action=start&caller_id=2000"));
        var recording = await fixture.Pbx.FindChannelAsync(demo, leg.Name);
        Assert.True(recording!.Recording);
        Assert.Equal("RecordedCalls/exampleFile.wav", recording.RecordingFile);
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&action=stop"));
        Assert.False((await fixture.Pbx.FindChannelAsync(demo, leg.Name))!.Recording);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccRecord.php?channel_id={leg.Name}&mailbox=102&action=start"));
        Assert.Equal($"voicemail/102/INBOX/{leg.UniqueId}.wav", (await fixture.Pbx.FindChannelAsync(demo, leg.Name))!.RecordingFile);
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&filename=../etc&action=start"));
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&mailbox=9999&action=start"));
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccRecord?channel_id={leg.Name}&filename=x&action=pause"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccRecord?channel_id=SIP/nobody-1&filename=x&action=start"));
    }

    [Fact]
    public async Task Park_lists_the_parked_channel_and_join_park_connects_another_phone_to_it()
    {
        var demo = await fixture.DemoAsync();
        var leg = await OriginateAsync(demo);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, leg.Name)).IsOk);
        var call = await UntilAsync(() => fixture.Pbx.ListCallsAsync(demo), c => c.Length == 1 && c[0].Legs.Length == 2, "102 to ring");
        var callee = call[0].Legs.Single(l => l.Name != leg.Name);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, callee.Name)).IsOk);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccSetVar.php?channel_id={leg.Name}&variable=ParkReason&value=Park"));
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccPark.php?channel_id={leg.Name}"));
        var parked = await fixture.XmlAsync(demo, "/xml/dbGetParkedChannels.php");
        Assert.Equal(32, ((string)parked.Element("hash")!).Length);
        var entry = Assert.Single(parked.Elements("Channel"));
        Assert.Equal([leg.Name, leg.CallerIdNumber, "701", "ParkReason=Park"], entry.Elements().Select(e => e.Value));
        Assert.Single((await fixture.XmlAsync(demo, "/xml/ccGetChannels.php?parked_only=1")).Elements("Channel"));
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetParkedChannels.php?channel_id=SIP/other-1")).Elements("Channel"));

        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccJoinPark.php?channel_id=SIP/nobody-1&to=701"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccPark.php?channel_id=SIP/nobody-1"));

        // 599 calls 4003; 4003's leg is taken to the parked call.
        Assert.True((await fixture.Pbx.DialAsync(demo, new DialRequest { FromExtension = "599", Destination = "4003" })).IsOk);
        var ringing = await UntilAsync(() => fixture.Pbx.Extension(demo, "4003").GetAsync(), e => !e.Channels.IsEmpty, "4003 to ring");
        Assert.True((await fixture.Pbx.AnswerAsync(demo, ringing.Channels[0].Name)).IsOk);
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccJoinPark.php?channel_id={ringing.Channels[0].Name}&to=701"));
        await UntilAsync(() => fixture.Pbx.FindChannelAsync(demo, leg.Name), c => c is { ParkedSlot: null, State: ChannelState.Up, LinkedChannel: not null } && c.LinkedChannel.StartsWith("SIP/4003-", StringComparison.Ordinal), "the parked caller to be connected to 4003");
    }

    [Fact]
    public async Task A_held_or_parked_channel_is_taken_back_with_redirect()
    {
        var demo = await fixture.DemoAsync();
        var leg = await OriginateAsync(demo);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, leg.Name)).IsOk);
        var callee = (await UntilAsync(() => fixture.Pbx.ListChannelsAsync(demo), c => c.Length == 2, "102 to ring")).Single(c => c.Name != leg.Name);
        Assert.True((await fixture.Pbx.AnswerAsync(demo, callee.Name)).IsOk);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccHold.php?channel_id={leg.Name}"));
        // Listings are told one way after the channel's own readers (CallGrain.PublishAsync: they may lag a little), so under load
        // the list can show the hold a moment after ccHold has answered.
        await UntilAsync(() => fixture.XmlAsync(demo, "/xml/ccGetChannels.php?hold_only=1"), x => x.Elements("Channel").Count() == 1, "the held channel to be listed");
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccRedirect.php?to=512&channel_id={leg.Name}"));
        var ringing = await UntilAsync(() => fixture.Pbx.Extension(demo, "512").GetAsync(), e => !e.Channels.IsEmpty, "512 to ring");
        Assert.True((await fixture.Pbx.AnswerAsync(demo, ringing.Channels[0].Name)).IsOk);

        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccPark.php?channel_id={leg.Name}"));
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccRedirect.php?to=666&channel_id={leg.Name}"));
        await UntilAsync(() => fixture.Pbx.Extension(demo, "666").GetAsync(), e => !e.Channels.IsEmpty, "666 to ring with the parked call");
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetParkedChannels.php")).Elements("Channel"));
    }

    [Fact]
    public async Task Hangup_hold_and_redirect_answer_0_for_a_live_channel_and_1_otherwise()
    {
        var demo = await fixture.DemoAsync();
        var leg = await OriginateAsync(demo);

        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccHold.php?channel_id={leg.Name}"));   // not connected yet
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccRedirect.php?to=9102&channel_id=SIP/nobody-1"));
        Assert.Equal(0, await fixture.ResultAsync(demo, $"/xml/ccHangup.php?channel_id={leg.Name}"));
        Assert.Equal(1, await fixture.ResultAsync(demo, $"/xml/ccHangup.php?channel_id={leg.Name}"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/ccHangup.php"));

        // The hung-up originate is in 104's history as placed by its primary phone and in 102's as missed.
        var placed = await fixture.JsonAsync(demo, "/xml/dbGetCallHistory.json?ext=104&limit=10&start_date=2026-03-01%2000:00:00");
        Assert.Equal("001", (string?)placed["CallHistory"]![0]!["disposition"]);
        var missed = Assert.Single((await fixture.XmlAsync(demo, "/xml/dbGetCallHistory.php?ext=102&limit=10&start_date=2026-03-01%2000:00:00")).Elements("Call"));
        Assert.Equal("101", (string)missed.Element("disposition")!);
        Assert.Equal("disposition", missed.Elements().Last().Name.LocalName);
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetCallHistory.php?ext=102&limit=10&start_date=2026-03-03%2000:00:00")).Elements());
        Assert.Empty((await fixture.XmlAsync(demo, "/xml/dbGetCallHistory.php?ext=102&start_date=2026-03-01%2000:00:00")).Elements());
    }
}
