using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.VoipSun.Infrastructure;
using static PbxGrains.Tests.VoipSun.Infrastructure.VoipSunTenantClient;

namespace PbxGrains.Tests.VoipSun;

/// <summary>The call-centre actions: agents logging in, pausing, joining queues; agentstatus and queuestatus.</summary>
[Collection(VoipSunCollection.Name)]
public sealed class CallCentreTests(VoipSunFixture fixture)
{
    [Fact]
    public async Task The_documents_agent_examples_log_in_join_pause_and_leave_in_the_call_model()
    {
        var tenant = await fixture.NewTenantAsync();
        const string Credentials = "username=voipsun&password=secretpwd&agentNumber=1000&agentPin=1234";
        async Task<string> StatusAsync() => await tenant.RawAsync($"{Credentials}&action=agentstatus");

        Assert.Equal("""{"success":"true","reason":"Agent 1000 is logged out."}""", await StatusAsync());
        Assert.Equal(Success, await tenant.RawAsync($"username=voipsun&password=secretpwd&action=agentlogin&srcExtenInternalNum=100&agentNumber=1000&agentPin=1234"));
        Assert.Equal("100", (await fixture.Pbx.Agent(tenant.Tenant, "1000").GetAsync())!.Extension);
        Assert.Equal("""{"success":"true","reason":"Agent 1000 is logged in. Line is free"}""", await StatusAsync());

        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentadd&queueName=FrontaIT&penalty=1"));
        var member = (await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members.Single(m => m.AgentId == "1000");
        Assert.Equal(("100", 1, false), (member.Extension, member.Penalty, member.Paused));
        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentadd&queueName=FrontaIT&penalty=3"));   // again: the new penalty
        Assert.Equal(3, (await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members.Single(m => m.AgentId == "1000").Penalty);

        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentpause"));
        Assert.True((await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members.Single(m => m.AgentId == "1000").Paused);
        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentunpause"));
        Assert.False((await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members.Single(m => m.AgentId == "1000").Paused);

        // Logging in elsewhere moves the agent, memberships and all.
        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentlogin&srcExtenId=7"));
        Assert.Equal("150", (await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members.Single(m => m.AgentId == "1000").Extension);

        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentremove&queueName=FrontaIT"));
        Assert.DoesNotContain((await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync()).Members, m => m.AgentId == "1000");

        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentlogout"));
        Assert.Equal("""{"success":"true","reason":"Agent 1000 is logged out."}""", await StatusAsync());
        Assert.Equal(Success, await tenant.RawAsync($"{Credentials}&action=agentlogout"));   // logged out already
    }

    [Fact]
    public async Task Agentstatus_reports_the_line_in_the_documents_words()
    {
        var tenant = await fixture.NewTenantAsync();
        async Task<string> StatusAsync() => await tenant.ActionAsync("agentstatus", ("agentNumber", "1001"), ("agentPin", "4321"));
        Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1001").LoginAsync("150", "4321")).IsOk);
        Assert.True((await fixture.Pbx.DialAsync(tenant.Tenant, new DialRequest { FromExtension = "400", Destination = "150" })).IsOk);
        Assert.Equal("""{"success":"true","reason":"Agent 1001 is logged in. Line is ringing"}""", await StatusAsync());
        await tenant.AnswerAsync("150");
        Assert.Equal("""{"success":"true","reason":"Agent 1001 is logged in. Line is In use"}""", await StatusAsync());
        var leg = (await fixture.Pbx.Extension(tenant.Tenant, "150").GetAsync()).Channels.Single();
        await fixture.Pbx.HoldAsync(tenant.Tenant, leg.Name);
        Assert.Equal("""{"success":"true","reason":"Agent 1001 is logged in. Line is On hold"}""", await StatusAsync());

        await fixture.Pbx.Agent(tenant.Tenant, "1001").LogoutAsync();
        Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1001").LoginAsync("301", "4321")).IsOk);
        Assert.Equal("""{"success":"true","reason":"Agent 1001 is logged in. Line is busy"}""", await StatusAsync());
        await fixture.Pbx.Agent(tenant.Tenant, "1001").LogoutAsync();
        Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1001").LoginAsync("300", "4321")).IsOk);
        Assert.Equal("""{"success":"true","reason":"Agent 1001 is logged in. Line is unavailable"}""", await StatusAsync());
    }

    [Fact]
    public async Task Queuestatus_answers_the_documents_shape_with_members_and_waiters()
    {
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal("""{"success":"true","results":[]}""", await tenant.ActionAsync("queuestatus", ("queueName", "FrontaABC")));

        Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1000").LoginAsync("150", "1234")).IsOk);
        Assert.True((await fixture.Pbx.Agent(tenant.Tenant, "1000").AddToQueueAsync("FrontaIT", 1)).IsOk);
        var first = await fixture.Pbx.InboundAsync(tenant.Tenant, new InboundCallRequest { CallerIdNumber = "999555444", Destination = "602", Trunk = "upc" });
        fixture.Time.Advance(TimeSpan.FromSeconds(7));
        var second = await fixture.Pbx.InboundAsync(tenant.Tenant, new InboundCallRequest { CallerIdNumber = "999555666", CallerIdName = "Novak", Destination = "602", Trunk = "upc" });
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        // The queue offers its members one way: wait until both phones ring.
        await tenant.ChannelsAsync(c => c.Count(l => l.State == ChannelState.Ringing && l.Endpoint is "102" or "150") == 2);
        var snapshot = await fixture.Pbx.Queue(tenant.Tenant, "FrontaIT").GetSnapshotAsync();

        // A static member without a name is known by its interface, as app_queue names it.
        var phone = snapshot.Members.Single(m => m.Extension == "102").Interface.Replace("/", "\\/");

        string Waiter(int position, CallSnapshot call, string number, string name, int wait) =>
            $"\"{position}\":{{\"position\":\"{position}\",\"channel\":\"{call.Legs[0].Name.Replace("/", "\\/")}\",\"uniqueid\":\"{call.CallId}\",\"callerIdNum\":\"{number}\",\"callerIdName\":\"{name}\",\"connectedLineNum\":null,\"connectedLineName\":null,\"wait\":\"{wait}\"}}";
        Assert.Equal(
            """{"success":"true","results":[{"queueName":"FrontaIT","max":"0","strategy":"rrordered","calls":"2","holdTime":"0","talkTime":"0","completed":"0","abandoned":"0","serviceLevel":"20","serviceLevelPerf":"0.0","weight":"0","members":{""" +
            $"\"{phone}\":{{\"agentName\":\"{phone}\",\"channelStatus\":\"Line is ringing\",\"location\":\"Local\\/102@extensions-dialplanid-1\",\"loggedFrom\":\"{phone}\",\"membership\":\"static\",\"penalty\":\"0\",\"callsTaken\":\"0\",\"lastCall\":\"0\",\"isInCall\":\"0\",\"status\":\"6\",\"paused\":\"0\"}}," +
            "\"Agent_01\":{\"agentName\":\"Agent_01\",\"channelStatus\":\"Line is ringing\",\"location\":\"Local\\/150@extensions-dialplanid-1\",\"loggedFrom\":\"SIP\\/150\",\"membership\":\"dynamic\",\"penalty\":\"1\",\"callsTaken\":\"0\",\"lastCall\":\"0\",\"isInCall\":\"0\",\"status\":\"6\",\"paused\":\"0\"}}," +
            "\"waiters\":{" + Waiter(1, first.Value!, "999555444", "", 8) + "," + Waiter(2, second.Value!, "999555666", "Novak", 1) + "}}]}",
            await tenant.ActionAsync("queuestatus", ("queueName", "FrontaIT")));
    }
}
