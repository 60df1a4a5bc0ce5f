using PbxGrains.Abstractions.Contracts;
using PbxGrains.Tests.Issabel.Infrastructure;

namespace PbxGrains.Tests.Issabel;

/// <summary>The real server's resources beyond the document: queues and the manager actions.</summary>
[Collection(IssabelCollection.Name)]
public sealed class QueueAndManagerTests(IssabelFixture fixture)
{
    private async Task<Api> LoggedInAsync()
    {
        var api = new Api(fixture.Http, await fixture.NewTenantAsync());
        await api.LoginAsync();
        return api;
    }

    [Fact]
    public async Task Queues_are_created_listed_updated_and_deleted_over_the_queue_model()
    {
        var api = await LoggedInAsync();
        using var created = await api.SendAsync(HttpMethod.Put, "queues/700", """{"name":"Support","strategy":"leastrecent","static_members":["1000","1001,2"],"agent_timeout":"20"}""");
        Assert.Equal(200, (int)created.StatusCode);
        Assert.EndsWith("/pbxapi/queues/700", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var posted = await api.SendAsync(HttpMethod.Post, "queues", """{"name":"Sales"}""");
        Assert.Equal(201, (int)posted.StatusCode);
        Assert.EndsWith("/pbxapi/queues/400", posted.Headers.Location!.ToString(), StringComparison.Ordinal);

        var list = await Api.JsonAsync(await api.GetAsync("queues"));
        Api.AssertJsonEqual(System.Text.Json.Nodes.JsonNode.Parse(
            """{"results":[{"extension":"400","name":"Sales","strategy":"ringall"},{"extension":"700","name":"Support","strategy":"leastrecent"}]}""")!, list);

        var one = await Api.JsonAsync(await api.GetAsync("queues/700?fields=static_members,agent_timeout"));
        Api.AssertJsonEqual(System.Text.Json.Nodes.JsonNode.Parse("""{"results":[{"agent_timeout":"20","static_members":["1000,0","1001,2"]}]}""")!, one);
        var snapshot = await fixture.Pbx.Queue(api.Tenant, "700").GetSnapshotAsync();
        Assert.Equal(["1000", "1001"], snapshot.Members.Select(m => m.Extension));

        Assert.Equal(200, (int)(await api.SendAsync(HttpMethod.Delete, "queues/700,400", null)).StatusCode);
        Assert.Empty((await Api.JsonAsync(await api.GetAsync("queues")))["results"]!.AsArray());
        Assert.DoesNotContain("700", (await fixture.Pbx.Tenant(api.Tenant).GetAsync())!.Queues);
    }

    [Fact]
    public async Task Originate_rings_the_channel_then_dials_and_status_and_queuestatus_show_it()
    {
        var api = await LoggedInAsync();
        foreach (var number in new[] { "1000", "1001" })
        {
            Assert.True((await fixture.Pbx.Extension(api.Tenant, number).RegisterAsync(
                new Registration("10.0.0.1", 5060, "SimPhone", $"sip:{number}@10.0.0.1", fixture.Time.GetUtcNow()))).IsOk);
        }

        using var originate = await api.SendAsync(HttpMethod.Post, "manager/originate", """{"channel":"SIP/1000","extension":"1001","callerid":"Click <555>"}""");
        Assert.Equal(200, (int)originate.StatusCode);
        var answer = await Api.JsonAsync(originate);
        Assert.Equal(("success", "Success"), (answer["status"]!.GetValue<string>(), answer["results"]![0]!["response"]!.GetValue<string>()));

        // manager/status lists live channels, which calls publish one way: it may lag the originate by a moment.
        var status = (await Api.JsonAsync(await api.GetAsync("manager/status"))).AsArray();
        for (var attempt = 0; attempt < 3000 && status.Count == 0; attempt++)
        {
            await Task.Delay(10);
            status = (await Api.JsonAsync(await api.GetAsync("manager/status"))).AsArray();
        }

        var channel = status.Single()!;
        Assert.Equal("Status", channel["Event"]!.GetValue<string>());
        Assert.StartsWith("SIP/1000-", channel["Channel"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Ringing", channel["ChannelStateDesc"]!.GetValue<string>());

        using var queue = await api.SendAsync(HttpMethod.Put, "queues/700", """{"name":"Support","static_members":["1002"]}""");
        var events = (await Api.JsonAsync(await api.GetAsync("manager/queuestatus?queue=700"))).AsArray();
        Assert.Equal(["QueueParams", "QueueMember"], events.Select(e => e!["Event"]!.GetValue<string>()));
        Assert.Equal("700", events[0]!["Queue"]!.GetValue<string>());
        Assert.Equal("SIP/1002", events[1]!["Location"]!.GetValue<string>());
    }

    [Fact]
    public async Task Originate_from_an_unknown_channel_is_404_and_without_a_channel_422()
    {
        var api = await LoggedInAsync();
        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, "manager/originate", """{"channel":"SIP/1999","extension":"1001"}"""), 404, "Record not found");
        await Api.AssertErrorAsync(await api.SendAsync(HttpMethod.Post, "manager/originate", """{"extension":"1001"}"""), 422, "channel: is required");
    }
}
