using System.Text.Json;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>
/// The requests a real pbxapi client sends (the public tsuriu/issabel_client: JSON bodies with <c>reload</c> added to
/// every write, <c>fields</c> as a comma-separated query value, manager actions as GET query parameters, <c>dbput</c>
/// as a POST and <c>dbdel</c> as a DELETE with a JSON body) and the fields it reads from the answers.
/// </summary>
[Collection(IssabelCollection.Name)]
public sealed class RealClientTests(IssabelFixture fixture)
{
    private async Task<Api> LoggedInAsync()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        return api;
    }

    private static async Task<JsonNode> ManagerAsync(Api api, string query)
    {
        using var response = await api.GetAsync($"manager/{query}");
        Assert.Equal(200, (int)response.StatusCode);
        return await Api.JsonAsync(response);
    }

    private static void AssertAck(JsonNode answer, string status, string message) =>
        Assert.Equal((status, message), (answer["status"]!.GetValue<string>(), answer["message"]!.GetValue<string>()));

    [Theory]
    [InlineData("extensions", """{"extension":"3500","name":"User 3500","secret":"s3cr3t","reload":"false"}""", "3500")]
    [InlineData("ringgroups", """{"extension":"650","name":"Desk","extension_list":["1000","1001"],"reload":"true"}""", "650")]
    [InlineData("queues", """{"extension":"720","name":"Support","reload":"true"}""", "720")]
    public async Task Post_with_the_number_in_the_body_creates_that_number_and_a_second_time_is_409(string resource, string body, string number)
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Post, resource, body);
        Assert.Equal(201, (int)created.StatusCode);
        Assert.EndsWith($"/pbxapi/{resource}/{number}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var shown = await Api.JsonAsync(await api.GetAsync($"{resource}/{number}"));
        Assert.Equal(number, shown["results"]![0]!["extension"]!.GetValue<string>());

        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, resource, body), 409, "already in use");

        // The client's delete_resource sends its reload flag in a JSON body.
        using var deleted = await api.SendAsync(HttpMethod.Delete, $"{resource}/{number}", """{"reload":"true"}""");
        Assert.Equal(200, (int)deleted.StatusCode);
        await Api.AssertErrorAsync(await api.GetAsync($"{resource}/{number}"), 404, "Record not found");
    }

    [Fact]
    public async Task Post_without_a_number_takes_the_next_free_one_and_a_number_taken_by_another_kind_is_409()
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Post, "extensions", """{"name":"Next","reload":"true"}""");
        Assert.Equal(201, (int)created.StatusCode);
        Assert.EndsWith("/pbxapi/extensions/1004", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, "queues", """{"extension":"1000","name":"Clash"}"""), 409, "already in use");
        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, "extensions", """{"extension":"12a"}"""), 422, "extension: must be");
    }

    [Fact]
    public async Task Search_finds_extensions_by_number_pattern_or_name_with_fields()
    {
        var api = await LoggedInAsync();
        var byNumber = await Api.JsonAsync(await api.GetAsync("extensions/search/100"));
        Assert.Equal(["1000", "1001", "1002", "1003"], byNumber["results"]!.AsArray().Select(r => r!["extension"]!.GetValue<string>()));

        var byPattern = await Api.JsonAsync(await api.GetAsync("extensions/search/^100z"));
        Assert.Equal(["1001", "1002", "1003"], byPattern["results"]!.AsArray().Select(r => r!["extension"]!.GetValue<string>()));

        var byName = await Api.JsonAsync(await api.GetAsync("extensions/search/maria?fields=extension,secret"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"extension":"1002","secret":"eec8ef4d15658f6b167910404d3cbdb0"}]}""")!, byName);

        var groups = await Api.JsonAsync(await api.GetAsync("ringgroups/search/SAL?fields=extension"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"results":[{"extension":"600"}]}""")!, groups);
        Assert.Empty((await Api.JsonAsync(await api.GetAsync("queues/search/nothing")))["results"]!.AsArray());
    }

    [Fact]
    public async Task Every_scalar_of_every_answer_is_a_string()
    {
        var api = await LoggedInAsync();
        using var queue = await api.SendAsync(HttpMethod.Put, "queues/700", """{"name":"Support","static_members":["1000"]}""");
        foreach (var path in new[] { "extensions?fields=*", "ringgroups?fields=*", "ringgroups/600?fields=*", "queues?fields=*", "manager/queuestatus", "parkinglots?fields=*", "inboundroutes?fields=*", "timegroups?fields=*", "timeconditions?fields=*", "trunks?fields=*", "outboundroutes?fields=*" })
        {
            var body = await Api.JsonAsync(await api.GetAsync(path));
            AssertStrings(body, path);
        }
    }

    private static void AssertStrings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (_, value) in map)
                {
                    AssertStrings(value, path);
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    AssertStrings(item, path);
                }

                break;
            case JsonValue value:
                Assert.True(value.GetValueKind() == JsonValueKind.String, $"{path}: {value.ToJsonString()} is not a string");
                break;
        }
    }

    [Fact]
    public async Task Get_authenticate_answers_the_session_status_as_jwtauth_does()
    {
        var api = await LoggedInAsync();
        var status = await Api.JsonAsync(await api.GetAsync("authenticate"));
        Assert.Equal(("authorized", api.Token, "Bearer"), (status["status"]!.GetValue<string>(), status["access_token"]!.GetValue<string>(), status["token_type"]!.GetValue<string>()));
        Assert.NotEmpty(status["refresh_token"]!.GetValue<string>());

        api.Token = null;
        using var anonymous = await api.GetAsync("authenticate");
        Assert.Equal(200, (int)anonymous.StatusCode);
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"unauthorized"}""")!, await Api.JsonAsync(anonymous));
    }

    [Fact]
    public async Task Originate_on_get_answers_the_controller_shape()
    {
        var api = await LoggedInAsync();
        AssertAck(await ManagerAsync(api, "originate?channel=SIP/1000&extension=1001&context=from-internal&priority=1&timeout=30000"), "ok", "Originate successfully queued");
        AssertAck(await ManagerAsync(api, "originate?extension=1001"), "error", "Channel not specified");
        AssertAck(await ManagerAsync(api, "originate?channel=SIP/1999&extension=1001"), "error", "Originate failed");
        AssertAck(await ManagerAsync(api, "originate?channel=SIP/1000&extension=1001&timeout=soon"), "error", "Invalid timeout");
    }

    [Fact]
    public async Task The_asterisk_database_is_kept_per_tenant_and_read_as_the_controller_shapes_it()
    {
        var api = await LoggedInAsync();
        using (var put = await api.SendAsync(HttpMethod.Post, "manager/dbput", """{"family":"MyFamily","key":"MyKey","value":"hello world"}"""))
        {
            Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await Api.JsonAsync(put));
        }

        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await ManagerAsync(api, "dbput?family=AMPUSER&key=1000/cidname&value=Antonio"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await ManagerAsync(api, "dbput?family=AMPUSER&key=1000/followme/ddial&value=EXTENSION"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await ManagerAsync(api, "dbput?family=AMPUSER&key=1001/cidname&value=Jose"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"result":"hello world"}""")!, await ManagerAsync(api, "dbget?family=MyFamily&key=MyKey"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"result":""}""")!, await ManagerAsync(api, "dbget?family=MyFamily&key=Other"));

        Api.AssertJsonEqual(JsonNode.Parse("""{"1000":{"cidname":"Antonio","followme/ddial":"EXTENSION"},"1001":{"cidname":"Jose"}}""")!, await ManagerAsync(api, "dbshow?family=AMPUSER"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"1000":{"cidname":"Antonio","followme/ddial":"EXTENSION"}}""")!, await ManagerAsync(api, "dbshow?family=AMPUSER/1000"));
        Api.AssertJsonEqual(JsonNode.Parse("""[{"MyKey":"hello world"}]""")!, await ManagerAsync(api, "dbshow?family=MyFamily"));

        // Another tenant sees none of it.
        var other = await LoggedInAsync();
        Api.AssertJsonEqual(JsonNode.Parse("{}")!, await ManagerAsync(other, "dbshow?family=AMPUSER"));

        using (var deleted = await api.SendAsync(HttpMethod.Delete, "manager/dbdel", """{"family":"MyFamily","key":"MyKey"}"""))
        {
            Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await Api.JsonAsync(deleted));
        }

        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"error"}""")!, await ManagerAsync(api, "dbdel?family=MyFamily&key=MyKey"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok"}""")!, await ManagerAsync(api, "dbdeltree?family=AMPUSER/1000"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"1001":{"cidname":"Jose"}}""")!, await ManagerAsync(api, "dbshow?family=AMPUSER"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"error"}""")!, await ManagerAsync(api, "dbdeltree?family=Nothing"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"error"}""")!, await ManagerAsync(api, "dbput?family=&key=k&value=v"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"error"}""")!, await ManagerAsync(api, $"dbput?family=F&key={new string('k', 256)}&value=v"));
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"error"}""")!, await ManagerAsync(api, $"dbput?family=F&key=k&value={new string('v', 4097)}"));
    }

    [Fact]
    public async Task Queue_members_are_added_paused_unpaused_and_removed_by_interface()
    {
        var api = await LoggedInAsync();
        using var queue = await api.SendAsync(HttpMethod.Put, "queues/700", """{"name":"Support"}""");
        AssertAck(await ManagerAsync(api, "queueadd?queue=700&interface=SIP/1001&penalty=2&membername=Jose"), "ok", "Added interface to queue");
        AssertAck(await ManagerAsync(api, "queueadd?queue=700&interface=SIP/1001"), "error", "Unable to add interface: Already there");
        AssertAck(await ManagerAsync(api, "queueadd?queue=799&interface=SIP/1001"), "error", "Unable to add interface to queue: No such queue");
        AssertAck(await ManagerAsync(api, "queueadd?interface=SIP/1001"), "error", "'Queue' not specified.");

        AssertAck(await ManagerAsync(api, "queuepause?queue=700&interface=SIP/1001"), "ok", "Interface paused successfully");
        var member = (await ManagerAsync(api, "queuestatus?queue=700")).AsArray().Single(e => e!["Event"]!.GetValue<string>() == "QueueMember")!;
        Assert.Equal(("Jose", "SIP/1001", "2", "1", "dynamic"), (member["Name"]!.GetValue<string>(), member["Location"]!.GetValue<string>(),
            member["Penalty"]!.GetValue<string>(), member["Paused"]!.GetValue<string>(), member["Membership"]!.GetValue<string>()));
        AssertAck(await ManagerAsync(api, "queueunpause?interface=SIP/1001"), "ok", "Interface unpaused successfully");
        AssertAck(await ManagerAsync(api, "queuepause?queue=700&interface=SIP/1003"), "error", "Interface not found");

        AssertAck(await ManagerAsync(api, "queueremove?queue=700&interface=SIP/1001"), "ok", "Removed interface from queue");
        AssertAck(await ManagerAsync(api, "queueremove?queue=700&interface=SIP/1001"), "error", "Unable to remove interface: Not there");
        Assert.Empty((await ManagerAsync(api, "queuestatus?queue=799")).AsArray());
        Assert.Equal(["QueueParams"], (await ManagerAsync(api, "queuestatus?queue=700")).AsArray().Select(e => e!["Event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Extension_state_hangup_getvar_and_the_plain_actions_answer_as_asterisk()
    {
        var api = await LoggedInAsync();
        var unregistered = await ManagerAsync(api, "extensionstate?extension=1000&context=from-internal&uniqueid=42");
        Api.AssertJsonEqual(JsonNode.Parse("""{"Response":"Success","ActionID":"42","Message":"Extension Status","Exten":"1000","Context":"from-internal","Hint":"SIP/1000","Status":"4","StatusText":"Unavailable"}""")!, unregistered);
        Assert.True((await fixture.Pbx.Extension(api.Tenant, "1000").RegisterAsync(
            new Registration("10.0.0.1", 5060, "SimPhone", "sip:1000@10.0.0.1", fixture.Time.GetUtcNow()))).IsOk);
        var idle = await ManagerAsync(api, "extensionstate?extension=1000");
        Assert.Equal(("0", "Idle", "ext-local"), (idle["Status"]!.GetValue<string>(), idle["StatusText"]!.GetValue<string>(), idle["Context"]!.GetValue<string>()));
        Assert.Equal(("-1", "Unknown"), ((await ManagerAsync(api, "extensionstate?extension=1999"))["Status"]!.GetValue<string>(), (await ManagerAsync(api, "extensionstate?extension=1999"))["StatusText"]!.GetValue<string>()));

        AssertAck(await ManagerAsync(api, "hangup?channel=SIP/1000-00000001"), "error", "No such channel");
        AssertAck(await ManagerAsync(api, "hangup"), "error", "No channel specified");
        AssertAck(await ManagerAsync(api, "getvar?channel=SIP/1000-00000001&variable=FOO"), "error", "No such channel");
        AssertAck(await ManagerAsync(api, "getvar?channel=SIP/1000-00000001"), "error", "No variable specified");
        Api.AssertJsonEqual(JsonNode.Parse("""{"status":"ok","variable":"FOO","value":""}""")!, await ManagerAsync(api, "getvar?variable=FOO"));

        AssertAck(await ManagerAsync(api, "reload"), "ok", "Module Reloaded");
        AssertAck(await ManagerAsync(api, "userevent?event=CrmPop&Caller=1000"), "ok", "Event Sent");
        AssertAck(await ManagerAsync(api, "userevent"), "error", "No event header specified");
        AssertAck(await ManagerAsync(api, "queuelog?queue=700&event=PAUSEREASON&interface=SIP/1000&message=lunch"), "ok", "Event added successfully");
        AssertAck(await ManagerAsync(api, "queuelog?queue=700"), "error", "Need 'Queue' and 'Event' parameters.");
        Assert.NotNull((await ManagerAsync(api, "nosuchaction"))["originate"]);
    }

    [Fact]
    public async Task Hangup_and_getvar_act_on_a_live_channel()
    {
        var api = await LoggedInAsync();
        foreach (var number in new[] { "1000", "1001" })
        {
            Assert.True((await fixture.Pbx.Extension(api.Tenant, number).RegisterAsync(
                new Registration("10.0.0.1", 5060, "SimPhone", $"sip:{number}@10.0.0.1", fixture.Time.GetUtcNow()))).IsOk);
        }

        AssertAck(await ManagerAsync(api, "originate?channel=SIP/1000&extension=1001"), "ok", "Originate successfully queued");
        // Live channels are published one way by their call: the listing may lag the originate by a moment.
        var status = (await ManagerAsync(api, "status")).AsArray();
        for (var attempt = 0; attempt < 500 && status.Count == 0; attempt++)
        {
            await Task.Delay(10);
            status = (await ManagerAsync(api, "status")).AsArray();
        }

        var channel = status.Single()!["Channel"]!.GetValue<string>();
        Assert.Single((await ManagerAsync(api, $"status?channel={Uri.EscapeDataString(channel)}")).AsArray());
        Assert.True((await fixture.Pbx.SetVariableAsync(api.Tenant, channel, "CRM_ID", "77")).IsOk);
        Api.AssertJsonEqual(JsonNode.Parse($$"""{"status":"ok","variable":"CRM_ID","value":"77"}""")!, await ManagerAsync(api, $"getvar?channel={Uri.EscapeDataString(channel)}&variable=CRM_ID"));
        AssertAck(await ManagerAsync(api, $"hangup?channel={Uri.EscapeDataString(channel)}&cause=16"), "ok", "Channel Hungup");
        Assert.Null(await fixture.Pbx.FindChannelAsync(api.Tenant, channel) is { IsHungUp: false } live ? live : null);
    }
}
