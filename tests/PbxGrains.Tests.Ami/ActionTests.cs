using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>The manager actions on the call model: listings as event lists, changes as one call each.</summary>
[Collection(AmiCollection.Name)]
public sealed class ActionTests(AmiFixture fixture)
{
    private async Task<(string Tenant, string Trunk, string Phone)> ConnectedCallAsync(AmiTestClient client)
    {
        var tenant = client.Tenant;
        var call = await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470123456", Destination = "102" });
        Assert.True(call.IsOk, call.ToString());
        var dial = await client.WaitEventAsync("DialBegin", e => e["CallerIDNum"] == "0470123456");
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, dial["DestChannel"]!)).IsOk);
        await client.WaitEventAsync("BridgeEnter", e => e["Channel"] == dial["DestChannel"]);
        return (tenant, dial["Channel"]!, dial["DestChannel"]!);
    }

    [Fact]
    public async Task CoreShowChannels_and_Status_are_event_lists_with_the_action_id_on_every_item()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        var (_, trunk, phone) = await ConnectedCallAsync(client);

        var (response, items, complete) = await client.ListAsync("CoreShowChannels");
        Assert.Equal(["Response", "ActionID", "EventList", "Message"], response.Headers.Select(h => h.Key));
        Assert.Equal("start", response["EventList"]);
        Assert.Equal("Channels will follow", response["Message"]);
        Assert.Equal(new[] { trunk, phone }.Order(StringComparer.Ordinal), items.Select(i => i["Channel"]!).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal("CoreShowChannel", i.Event));
        Assert.All(items, i => Assert.Matches(@"^\d\d:\d\d:\d\d$", i["Duration"]));
        Assert.Equal("CoreShowChannelsComplete", complete.Event);
        Assert.Equal("Complete", complete["EventList"]);
        Assert.Equal("2", complete["ListItems"]);

        var status = await client.ListAsync("Status", ("Channel", phone));
        Assert.Equal("Up", Assert.Single(status.Items)["ChannelStateDesc"]);
        Assert.Equal("StatusComplete", status.Complete.Event);
        Assert.Equal("Error", (await client.ActionAsync("Status", ("Channel", "SIP/nope-00000001")))["Response"]);
    }

    [Fact]
    public async Task Getvar_Setvar_Hangup_with_a_cause()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        var (_, trunk, phone) = await ConnectedCallAsync(client);

        Assert.Equal("Variable Set", (await client.ActionAsync("Setvar", ("Channel", phone), ("Variable", "TICKET"), ("Value", "77")))["Message"]);
        var set = await client.WaitEventAsync("VarSet", e => e["Channel"] == phone && e["Variable"] == "TICKET");
        Assert.Equal("dialplan,all", set["Privilege"]);
        var get = await client.ActionAsync("Getvar", ("Channel", phone), ("Variable", "TICKET"));
        Assert.Equal(("TICKET", "77"), (get["Variable"], get["Value"]));
        Assert.Equal("No such channel", (await client.ActionAsync("Getvar", ("Channel", "SIP/x-1"), ("Variable", "A")))["Message"]);

        Assert.Equal("Channel Hungup", (await client.ActionAsync("Hangup", ("Channel", trunk), ("Cause", "17")))["Message"]);
        var hangup = await client.WaitEventAsync("Hangup", e => e["Channel"] == trunk);
        Assert.Equal("17", hangup["Cause"]);
        Assert.Equal("User busy", hangup["Cause-txt"]);
        Assert.Equal("No such channel", (await client.ActionAsync("Hangup", ("Channel", trunk)))["Message"]);
    }

    [Fact]
    public async Task Park_and_redirect_move_the_call_and_blind_transfer_sends_the_peer_on()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        var (_, trunk, phone) = await ConnectedCallAsync(client);

        Assert.Equal("Park successful", (await client.ActionAsync("Park", ("Channel", trunk)))["Message"]);
        var parked = await client.WaitEventAsync("ParkedCall", e => e["ParkeeChannel"] == trunk);
        Assert.Equal("701", parked["ParkingSpace"]);
        Assert.Equal("Redirect successful", (await client.ActionAsync("Redirect", ("Channel", trunk), ("Exten", "104"), ("Context", "default"), ("Priority", "1")))["Message"]);
        await client.WaitEventAsync("UnParkedCall", e => e["ParkeeChannel"] == trunk);
        var ringing = await client.WaitEventAsync("DialBegin", e => e["DestChannel"]!.StartsWith("SIP/104-", StringComparison.Ordinal));
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, ringing["DestChannel"]!)).IsOk);
        await client.WaitEventAsync("BridgeEnter", e => e["Channel"] == ringing["DestChannel"]);

        Assert.Equal("Transfer succeeded", (await client.ActionAsync("BlindTransfer", ("Channel", ringing["DestChannel"]), ("Exten", "103")))["Message"]);
        await client.WaitEventAsync("DialBegin", e => e["DestChannel"]!.StartsWith("SIP/103-", StringComparison.Ordinal));
        Assert.Equal("Error", (await client.ActionAsync("Atxfer", ("Channel", phone), ("Exten", "103")))["Response"]);
    }

    [Fact]
    public async Task QueueStatus_is_an_event_list_of_params_members_and_entries_and_members_change()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        Assert.True((await fixture.Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0470111111", Destination = "600" })).IsOk);
        await client.WaitEventAsync("QueueCallerJoin");

        var (response, items, complete) = await client.ListAsync("QueueStatus", ("Queue", "sales"));
        Assert.Equal("Queue status will follow", response["Message"]);
        Assert.Equal(["QueueParams", "QueueMember", "QueueEntry"], items.Select(i => i.Event!));
        Assert.Equal("1", items[0]["Calls"]);
        Assert.Equal("ringall", items[0]["Strategy"]);
        Assert.Equal("0470111111", items[2]["CallerIDNum"]);
        Assert.Equal("3", complete["ListItems"]);

        Assert.Equal("Added interface to queue", (await client.ActionAsync("QueueAdd", ("Queue", "sales"), ("Interface", "SIP/104"), ("Penalty", "2")))["Message"]);
        var added = await client.WaitEventAsync("QueueMemberAdded", e => e["Interface"] == "SIP/104");
        Assert.Equal(("sales", "2", "dynamic", "agent,all"), (added["Queue"], added["Penalty"], added["Membership"], added["Privilege"]));
        Assert.Equal("Unable to add interface: Already there", (await client.ActionAsync("QueueAdd", ("Queue", "sales"), ("Interface", "SIP/104")))["Message"]);
        Assert.Equal("Interface paused successfully", (await client.ActionAsync("QueuePause", ("Queue", "sales"), ("Interface", "SIP/104"), ("Paused", "true"), ("Reason", "lunch")))["Message"]);
        var paused = await client.WaitEventAsync("QueueMemberPause", e => e["Interface"] == "SIP/104");
        Assert.Equal(("1", "lunch"), (paused["Paused"], paused["PausedReason"]));
        Assert.Equal("Interface penalty set successfully", (await client.ActionAsync("QueuePenalty", ("Interface", "SIP/104"), ("Penalty", "5"), ("Queue", "sales")))["Message"]);
        var members = (await client.ListAsync("QueueStatus", ("Queue", "sales"))).Items.Where(i => i.Event == "QueueMember").ToList();
        var listed = Assert.Single(members, m => m["Location"] == "SIP/104");
        Assert.Equal(("5", "1", "dynamic"), (listed["Penalty"], listed["Paused"], listed["Membership"]));
        Assert.Equal("Removed interface from queue", (await client.ActionAsync("QueueRemove", ("Queue", "sales"), ("Interface", "SIP/104")))["Message"]);
        await client.WaitEventAsync("QueueMemberRemoved", e => e["Interface"] == "SIP/104");
        Assert.Equal("Unable to remove interface: Not there", (await client.ActionAsync("QueueRemove", ("Queue", "sales"), ("Interface", "SIP/104")))["Message"]);

        var summary = await client.ListAsync("QueueSummary");
        var sales = Assert.Single(summary.Items);
        Assert.Equal(("sales", "1"), (sales["Queue"], sales["Callers"]));
        Assert.Equal("QueueSummaryComplete", summary.Complete.Event);
    }

    [Fact]
    public async Task The_astdb_actions_share_the_tenants_key_value_database()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        Assert.Equal("Updated database successfully", (await client.ActionAsync("DBPut", ("Family", "cf"), ("Key", "102"), ("Val", "0470")))["Message"]);
        var get = await client.ListAsync("DBGet", ("Family", "cf"), ("Key", "102"));
        Assert.Equal("0470", Assert.Single(get.Items)["Val"]);
        Assert.Equal("DBGetComplete", get.Complete.Event);
        Assert.Equal("0470", await fixture.Pbx.KeyValues(tenant).GetAsync("cf", "102"));
        Assert.Equal("Key deleted successfully", (await client.ActionAsync("DBDel", ("Family", "cf"), ("Key", "102")))["Message"]);
        Assert.Equal("Database entry not found", (await client.ActionAsync("DBGet", ("Family", "cf"), ("Key", "102")))["Message"]);
        await client.ActionAsync("DBPut", ("Family", "tree/a"), ("Key", "1"), ("Val", "x"));
        Assert.Equal("Key tree deleted successfully", (await client.ActionAsync("DBDelTree", ("Family", "tree")))["Message"]);
        Assert.Equal("No family specified.", (await client.ActionAsync("DBPut", ("Key", "1")))["Message"]);
    }

    [Fact]
    public async Task ExtensionState_SIPpeers_and_PJSIPShowEndpoints_show_the_phones()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var state = await client.ActionAsync("ExtensionState", ("Exten", "102"), ("Context", "default"));
        Assert.Equal(("Extension Status", "SIP/102", "0", "Idle"), (state["Message"], state["Hint"], state["Status"], state["StatusText"]));
        Assert.Equal("-1", (await client.ActionAsync("ExtensionState", ("Exten", "999")))["Status"]);

        var peers = await client.ListAsync("SIPpeers");
        Assert.Equal(["102", "103", "104"], peers.Items.Select(p => p["ObjectName"]!).Order(StringComparer.Ordinal));
        Assert.Equal("PeerlistComplete", peers.Complete.Event);
        var endpoints = await client.ListAsync("PJSIPShowEndpoints");
        Assert.Equal(3, endpoints.Items.Count);
        Assert.Equal("EndpointListComplete", endpoints.Complete.Event);
    }

    [Fact]
    public async Task ChanSpy_through_originate_rings_the_spy_and_joins_the_call()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);
        var (_, _, phone) = await ConnectedCallAsync(client);

        var answer = await client.ActionAsync("Originate", ("Channel", "SIP/104"), ("Application", "ChanSpy"), ("Data", "SIP/102,q"), ("Async", "yes"));
        Assert.Equal("Originate successfully queued", answer["Message"]);
        var spy = await client.WaitEventAsync("Newchannel", e => e["Channel"]!.StartsWith("SIP/104-", StringComparison.Ordinal));
        Assert.True((await fixture.Pbx.AnswerAsync(tenant, spy["Channel"]!)).IsOk);
        var channel = await fixture.Pbx.FindChannelAsync(tenant, spy["Channel"]!);
        Assert.Equal(phone, channel?.SpyTarget);
    }
}
