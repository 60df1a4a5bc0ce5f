using System.Security.Cryptography;
using System.Text;
using PbxGrains.Tests.Ami.Infrastructure;

namespace PbxGrains.Tests.Ami;

/// <summary>The manager protocol as Asterisk 18 speaks it, over a real TCP connection.</summary>
[Collection(AmiCollection.Name)]
public sealed class ProtocolTests(AmiFixture fixture)
{
    [Fact]
    public async Task The_banner_comes_first_and_before_anything_is_sent()
    {
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        Assert.Equal("Asterisk Call Manager/7.0.3", client.Banner);
    }

    [Fact]
    public async Task A_plain_login_is_accepted_and_followed_by_FullyBooted()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        var id = client.NextId();
        await client.SendAsync($"Action: Login\r\nActionID: {id}\r\nUsername: admin@{tenant}\r\nSecret: {AmiFixture.AdminSecret}\r\n\r\n");
        var answer = await client.WaitAsync(p => p["ActionID"] == id, "login");

        Assert.Equal($"Response: Success\r\nActionID: {id}\r\nMessage: Authentication accepted\r\n\r\n", answer.Text);
        var booted = await client.WaitEventAsync("FullyBooted");
        Assert.Equal("system,all", booted["Privilege"]);
        Assert.Equal("Fully Booted", booted["Status"]);
    }

    [Fact]
    public async Task An_md5_login_answers_the_challenge_with_md5_of_challenge_and_secret()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        var challenge = await client.ActionAsync("Challenge", ("AuthType", "MD5"));
        Assert.Equal("Success", challenge["Response"]);
        var key = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(challenge["Challenge"] + AmiFixture.AdminSecret)));
        var login = await client.ActionAsync("Login", ("AuthType", "MD5"), ("Username", $"admin@{tenant}"), ("Key", key));

        Assert.Equal("Authentication accepted", login["Message"]);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_and_the_connection_closes()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        var login = await client.ActionAsync("Login", ("Username", $"admin@{tenant}"), ("Secret", "wrong"));

        Assert.Equal("Error", login["Response"]);
        Assert.Equal("Authentication failed", login["Message"]);
        await client.Closed.WaitAsync(AmiTestClient.Deadline);
    }

    [Fact]
    public async Task A_user_of_another_tenant_cannot_log_in_with_its_own_secret_elsewhere()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        var login = await client.ActionAsync("Login", ("Username", $"admin@{tenant}x"), ("Secret", AmiFixture.AdminSecret));

        Assert.Equal("Authentication failed", login["Message"]);
    }

    [Fact]
    public async Task Actions_before_login_are_denied_and_unknown_or_missing_actions_have_asterisks_errors()
    {
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        Assert.Equal("Permission denied", (await client.ActionAsync("Ping"))["Message"]);
        var id = client.NextId();
        await client.SendAsync($"ActionID: {id}\r\nFoo: bar\r\n\r\n");
        Assert.Equal($"Response: Error\r\nActionID: {id}\r\nMessage: Missing action in request\r\n\r\n", (await client.WaitAsync(p => p["ActionID"] == id, "error")).Text);

        var tenant = await fixture.NewTenantAsync();
        await using var logged = await fixture.LoginAsync(tenant);
        var unknown = await logged.ActionAsync("NoSuchThing");
        Assert.Equal("Error", unknown["Response"]);
        Assert.Equal("Invalid/unknown command: NoSuchThing. Use Action: ListCommands to show available commands.", unknown["Message"]);
    }

    [Fact]
    public async Task Keys_ignore_case_headers_come_in_any_order_and_the_response_comes_first()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await AmiTestClient.ConnectAsync(fixture.Endpoint);

        await client.SendAsync($"secret: {AmiFixture.AdminSecret}\r\nACTIONID: abc\r\nusername: admin@{tenant}\r\naction: login\r\n\r\n");
        var answer = await client.WaitAsync(p => p["ActionID"] == "abc", "login");
        Assert.Equal("Response", answer.Headers[0].Key);
        Assert.Equal("Success", answer["Response"]);

        await client.SendAsync("ACTION: PING\r\nActionId: p1\r\n\r\n");
        var pong = await client.WaitAsync(p => p["ActionID"] == "p1", "ping");
        Assert.Equal("Pong", pong["Ping"]);
        Assert.Matches(@"^\d+\.\d{6}$", pong["Timestamp"]);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_dropped_and_the_session_goes_on()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        await client.SendAsync($"Action: Ping\r\nActionID: long\r\nJunk: {new string('x', 5000)}\r\n\r\n");
        var pong = await client.WaitAsync(p => p["ActionID"] == "long", "ping");

        Assert.Equal("Pong", pong["Ping"]);
    }

    [Fact]
    public async Task Logoff_says_goodbye_and_closes()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var bye = await client.ActionAsync("Logoff");

        Assert.Equal("Goodbye", bye["Response"]);
        Assert.Equal("Thanks for all the fish.", bye["Message"]);
        await client.Closed.WaitAsync(AmiTestClient.Deadline);
    }

    [Fact]
    public async Task Write_permissions_are_enforced_on_actions()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var reader = await fixture.LoginAsync(tenant, "reader", AmiFixture.ReaderSecret);

        Assert.Equal("Permission denied", (await reader.ActionAsync("Originate", ("Channel", "SIP/102"), ("Exten", "103")))["Message"]);
        Assert.Equal("Permission denied", (await reader.ActionAsync("DBPut", ("Family", "f"), ("Key", "k"), ("Val", "v")))["Message"]);
        Assert.Equal("Pong", (await reader.ActionAsync("Ping"))["Ping"]);
    }

    [Fact]
    public async Task Command_core_show_version_answers_in_the_asterisk_14_format()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var id = client.NextId();
        await client.SendAsync($"Action: Command\r\nActionID: {id}\r\nCommand: core show version\r\n\r\n");
        var answer = await client.WaitAsync(p => p["ActionID"] == id, "command");

        Assert.Equal($"Response: Success\r\nActionID: {id}\r\nMessage: Command output follows\r\nOutput: Asterisk 18.20.0 built by pbxgrains @ pbxgrains on a x86_64 running Linux\r\n\r\n", answer.Text);
        var unknown = await client.ActionAsync("Command", ("Command", "foo bar"));
        Assert.Equal("Error", unknown["Response"]);
        Assert.Equal("No such command 'foo bar' (type 'core show help foo bar' for other possible commands)", unknown["Output"]);
    }

    [Fact]
    public async Task Command_queue_show_and_core_show_channels_print_the_clis_lines()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        var queues = await client.ActionAsync("Command", ("Command", "queue show sales"));
        var lines = queues.All("Output").ToList();
        Assert.Equal("sales has 0 calls (max unlimited) in 'ringall' strategy (0s holdtime, 0s talktime), W:0, C:0, A:0, SL:0.0%, SL2:0.0% within 60s", lines[0]);
        Assert.Equal("   Members: ", lines[1]);
        Assert.StartsWith("      ", lines[2]);
        Assert.Contains("(Not in use) has taken no calls yet", lines[2]);
        Assert.Equal("   No Callers", lines[3]);

        var channels = await client.ActionAsync("Command", ("Command", "core show channels"));
        var rows = channels.All("Output").ToList();
        Assert.StartsWith("Channel", rows[0]);
        Assert.Equal("0 active channels", rows[1]);
        Assert.Equal("0 active calls", rows[2]);
    }

    [Fact]
    public async Task Events_off_stops_events_and_an_event_mask_keeps_only_its_classes()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant);

        Assert.Equal("Off", (await client.ActionAsync("Events", ("EventMask", "off")))["Events"]);
        await client.ActionAsync("UserEvent", ("UserEvent", "Hidden"));
        Assert.Equal("On", (await client.ActionAsync("Events", ("EventMask", "user")))["Events"]);
        await client.ActionAsync("UserEvent", ("UserEvent", "Shown"), ("Extra", "1"));

        var shown = await client.WaitEventAsync("UserEvent");
        Assert.Equal("Shown", shown["UserEvent"]);
        Assert.Equal("user,all", shown["Privilege"]);
        Assert.Equal("1", shown["Extra"]);
        Assert.Empty(client.EventsOf(p => p["UserEvent"] == "Hidden"));
        Assert.Equal("Error", (await client.ActionAsync("Events", ("EventMask", "")))["Response"]);
    }

    [Fact]
    public async Task Login_with_an_events_header_narrows_the_events_and_filters_select_them()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var client = await fixture.LoginAsync(tenant, events: "user");

        Assert.Equal("Success", (await client.ActionAsync("Filter", ("Operation", "Add"), ("Filter", "UserEvent: Keep")))["Response"]);
        Assert.Equal("Success", (await client.ActionAsync("Filter", ("Operation", "Add"), ("Filter", "!Drop: yes")))["Response"]);
        Assert.Equal("Error", (await client.ActionAsync("Filter", ("Operation", "Add"), ("Filter", "(")))["Response"]);
        await client.ActionAsync("UserEvent", ("UserEvent", "Other"));
        await client.ActionAsync("UserEvent", ("UserEvent", "Keep"), ("Drop", "yes"));
        await client.ActionAsync("UserEvent", ("UserEvent", "Keep"), ("Drop", "no"));

        var kept = await client.WaitEventAsync("UserEvent");
        Assert.Equal("no", kept["Drop"]);
        Assert.Empty(client.EventsOf(p => p["UserEvent"] == "Other"));
        Assert.Empty(client.EventsOf(p => p["Drop"] == "yes"));
        Assert.Empty(client.EventsOf(p => p.Event == "FullyBooted"));
    }
}
