using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>A call's events as Asterisk 12+ names and orders them, so a client correlating on Uniqueid/Linkedid rebuilds the call.</summary>
[Collection(AmiCollection.Name)]
public sealed class CallEventTests(AmiFixture fixture)
{
    [Fact]
    public async Task An_async_originate_answers_with_OriginateResponse_and_the_whole_call_comes_in_asterisks_order()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var id = client.NextId();
        await client.SendAsync(AmiTestClient.Packet("Originate", id, ("Channel", "SIP/102"), ("Exten", "103"), ("Context", "default"), ("Priority", "1"),
            ("CallerID", "\"Dialer\" <5000>"), ("Async", "true"), ("Variable", "CRM_ID=42")));
        var queued = await client.WaitAsync(p => p["ActionID"] == id && p["Response"] is not null, "originate");
        Assert.Equal("Originate successfully queued", queued["Message"]);

        var source = await client.WaitEventAsync("Newchannel", e => e["Channel"]!.StartsWith("SIP/102-", StringComparison.Ordinal));
        var linkedId = source["Linkedid"]!;
        Assert.Equal(source["Uniqueid"], linkedId);
        Assert.Equal("5000", source["CallerIDNum"]);
        var variable = await client.WaitEventAsync("VarSet", e => e["Uniqueid"] == linkedId);
        Assert.Equal(("CRM_ID", "42"), (variable["Variable"], variable["Value"]));
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, source["Channel"]!)).IsOk);

        var response = await client.WaitAsync(p => p.Event == "OriginateResponse" && p["ActionID"] == id, "OriginateResponse");
        Assert.Equal("Success", response["Response"]);
        Assert.Equal("4", response["Reason"]);
        Assert.Equal(source["Channel"], response["Channel"]);
        Assert.Equal(linkedId, response["Uniqueid"]);

        var dialled = await client.WaitEventAsync("DialBegin", e => e["Linkedid"] == linkedId);
        var phone = dialled["DestChannel"]!;
        Assert.StartsWith("SIP/103-", phone);
        Assert.Equal(source["Channel"], dialled["Channel"]);
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, phone)).IsOk);
        Assert.Equal("ANSWER", (await client.WaitEventAsync("DialEnd", e => e["DestChannel"] == phone))["DialStatus"]);
        await client.WaitEventAsync("BridgeEnter", e => e["Channel"] == phone);
        await client.WaitEventAsync("BridgeEnter", e => e["Channel"] == source["Channel"]);

        Assert.True((await fixture.Pbx.HangupAsync(tenant, source["Channel"]!)).IsOk);
        var cdr = await client.WaitEventAsync("Cdr", e => e["UniqueID"] == linkedId);
        Assert.Equal("ANSWERED", cdr["Disposition"]);
        Assert.Equal(phone, cdr["DestinationChannel"]);

        var names = client.EventsOf(e => e["Linkedid"] == linkedId || e["UniqueID"] == linkedId || e["BridgeUniqueid"] is not null && e["Linkedid"] is null)
            .Select(e => $"{e.Event}:{e["Channel"] ?? e["DestChannel"]}").ToList();
        int At(string name, string? channel = null) => names.FindIndex(n => n.StartsWith(name + ":", StringComparison.Ordinal) && (channel is null || n.EndsWith(channel, StringComparison.Ordinal)));
        Assert.True(At("Newchannel", source["Channel"]) < At("Newchannel", phone), string.Join(", ", names));
        Assert.True(At("Newchannel", phone) < At("DialBegin"), string.Join(", ", names));
        Assert.True(At("DialBegin") < At("DialEnd"), string.Join(", ", names));
        Assert.True(At("DialEnd") < At("BridgeCreate"), string.Join(", ", names));
        Assert.True(At("BridgeCreate") < At("BridgeEnter"), string.Join(", ", names));
        Assert.True(At("BridgeEnter") < At("BridgeLeave"), string.Join(", ", names));
        Assert.True(At("BridgeLeave") < At("Hangup"), string.Join(", ", names));
        Assert.True(names.FindLastIndex(n => n.StartsWith("Hangup:", StringComparison.Ordinal)) < At("Cdr"), string.Join(", ", names));
        Assert.Equal(2, names.Count(n => n.StartsWith("Hangup:", StringComparison.Ordinal)));
        Assert.Equal(1, names.Count(n => n.StartsWith("BridgeDestroy:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_sync_originate_to_a_phone_that_rejects_fails_and_its_hangup_carries_the_cause()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var id = client.NextId();
        await client.SendAsync(AmiTestClient.Packet("Originate", id, ("Channel", "PJSIP/104"), ("Exten", "102"), ("Timeout", "20000")));
        var ringing = await client.WaitEventAsync("Newchannel", e => e["Channel"]!.StartsWith("SIP/104-", StringComparison.Ordinal));
        Assert.True((await fixture.Pbx.RejectAsync(tenant, ringing["Channel"]!)).IsOk);

        var failed = await client.WaitAsync(p => p["ActionID"] == id, "originate");
        Assert.Equal("Originate failed", failed["Message"]);
        var hangup = await client.WaitEventAsync("Hangup", e => e["Channel"] == ringing["Channel"]);
        Assert.NotNull(hangup["Cause-txt"]);
        var cdr = await client.WaitEventAsync("Cdr", e => e["UniqueID"] == ringing["Uniqueid"]);
        Assert.NotEqual("ANSWERED", cdr["Disposition"]);
    }

    [Fact]
    public async Task A_queued_inbound_call_reports_the_queue_and_agent_events()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470123456", Destination = "600" });
        Assert.True(call.IsOk, call.ToString());
        var join = await client.WaitEventAsync("QueueCallerJoin");
        Assert.Equal("sales", join["Queue"]);
        Assert.Equal("1", join["Position"]);
        Assert.Equal("agent,all", join["Privilege"]);
        var called = await client.WaitEventAsync("AgentCalled", e => e["Linkedid"] == join["Linkedid"]);
        Assert.Equal("sales", called["Queue"]);
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, called["DestChannel"]!)).IsOk);
        await client.WaitEventAsync("QueueCallerLeave", e => e["Linkedid"] == join["Linkedid"]);
        var connect = await client.WaitEventAsync("AgentConnect", e => e["Linkedid"] == join["Linkedid"]);
        Assert.Equal(called["DestChannel"], connect["DestChannel"]);

        Assert.True((await fixture.Pbx.HoldAsync(tenant, join["Channel"]!)).IsOk);
        await client.WaitEventAsync("Hold", e => e["Channel"] == join["Channel"]);
        Assert.True((await fixture.Pbx.HangupAsync(tenant, join["Channel"]!)).IsOk);
        var complete = await client.WaitEventAsync("AgentComplete", e => e["Linkedid"] == join["Linkedid"]);
        Assert.Equal("caller", complete["Reason"]);
        await client.WaitEventAsync("Cdr", e => e["UniqueID"] == join["Linkedid"]);
    }

    [Fact]
    public async Task A_caller_that_gives_up_in_the_queue_is_reported_as_abandoned()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470555555", Destination = "600" })).IsOk);
        var join = await client.WaitEventAsync("QueueCallerJoin", e => e["CallerIDNum"] == "0470555555");
        Assert.True((await fixture.Pbx.HangupAsync(tenant, join["Channel"]!)).IsOk);

        var abandon = await client.WaitEventAsync("QueueCallerAbandon", e => e["Channel"] == join["Channel"]);
        Assert.Equal("sales", abandon["Queue"]);
        await client.WaitEventAsync("QueueCallerLeave", e => e["Channel"] == join["Channel"]);
    }

    [Fact]
    public async Task A_reader_without_the_call_class_gets_no_call_events_and_a_user_class_reader_gets_user_events_only()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var admin = await fixture.LoginAsync(tenant);
        await using var reader = await fixture.LoginAsync(tenant, "reader", AmiFixture.ReaderSecret);
        await using var users = await fixture.LoginAsync(tenant, events: "user");

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470777777", Destination = "102" })).IsOk);
        var seen = await reader.WaitEventAsync("Newchannel", e => e["CallerIDNum"] == "0470777777");
        await admin.WaitEventAsync("Newchannel", e => e["CallerIDNum"] == "0470777777");
        await admin.ActionAsync("UserEvent", ("UserEvent", "Marker"));
        await users.WaitEventAsync("UserEvent", e => e["UserEvent"] == "Marker");

        Assert.Empty(users.EventsOf(e => e.Event == "Newchannel"));
        Assert.Empty(reader.EventsOf(e => e.Event == "UserEvent"));
        Assert.Equal("call,all", seen["Privilege"]);
    }

    [Fact]
    public async Task A_phone_that_rings_and_answers_reports_its_device_state_and_extension_status()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470888888", Destination = "104" })).IsOk);
        Assert.Equal("RINGING", (await client.WaitEventAsync("DeviceStateChange", e => e["Device"] == "SIP/104"))["State"]);
        var ringing = await client.WaitEventAsync("ExtensionStatus", e => e["Exten"] == "104");
        Assert.Equal(("8", "Ringing", "SIP/104", "call,all"), (ringing["Status"], ringing["StatusText"], ringing["Hint"], ringing["Privilege"]));

        var phone = await client.WaitEventAsync("DialBegin", e => e["CallerIDNum"] == "0470888888");
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, phone["DestChannel"]!)).IsOk);
        Assert.Equal("INUSE", (await client.WaitEventAsync("DeviceStateChange", e => e["Device"] == "SIP/104"))["State"]);
        Assert.Equal("InUse", (await client.WaitEventAsync("ExtensionStatus", e => e["Exten"] == "104"))["StatusText"]);

        Assert.True((await fixture.Pbx.HangupAsync(tenant, phone["DestChannel"]!)).IsOk);
        Assert.Equal("NOT_INUSE", (await client.WaitEventAsync("DeviceStateChange", e => e["Device"] == "SIP/104"))["State"]);
    }
}
