using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Queues;

public sealed class AgentTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const string AgentId = "a1";

    private Task<TestTenant> LoadWithAgentAsync() => LoadAsync(id => Define.Tenant(id, [Define.AutoAnswer("5001")]) with
    {
        Queues =
        [
            Define.Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.RingAll),
            Define.Queue("support", "601", QueueStrategy.RingAll),
        ],
        Agents =
        [
            new AgentConfig
            {
                Id = AgentId,
                Name = "Alice",
                Pin = "1234",
                Queues = [new AgentQueueMembership(QueueCalls.Queue, 3), new AgentQueueMembership("support", 1)],
            },
        ],
    });

    [Fact]
    public async Task An_agent_that_logs_in_becomes_a_member_of_its_queues_with_its_penalties()
    {
        var t = await LoadWithAgentAsync();

        TestTenant.Ok(await Pbx.Agent(t.Id, AgentId).LoginAsync("5001", "1234"), "login");

        var sales = Assert.Single((await t.QueueAsync(QueueCalls.Queue)).Members);
        Assert.Equal(("5001", "SIP/5001", AgentId, "Alice", 3, true), (sales.Extension, sales.Interface, sales.AgentId, sales.MemberName, sales.Penalty, sales.Dynamic));
        Assert.Equal(1, Assert.Single((await t.QueueAsync("support")).Members).Penalty);
        var agent = await Pbx.Agent(t.Id, AgentId).GetAsync();
        Assert.Equal(("5001", AgentStatus.Available, true), (agent!.Extension, agent.Status, agent.LoggedIn));
        Assert.Equal(DomainError.AgentAlreadyLoggedIn, (await Pbx.Agent(t.Id, AgentId).LoginAsync("5001", "1234")).Error);
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_and_the_agent_stays_logged_out()
    {
        var t = await LoadWithAgentAsync();

        var refused = await Pbx.Agent(t.Id, AgentId).LoginAsync("5001", "9999");

        Assert.Equal(DomainError.AgentWrongPin, refused.Error);
        Assert.Empty((await t.QueueAsync(QueueCalls.Queue)).Members);
        Assert.Equal(AgentStatus.LoggedOut, (await Pbx.Agent(t.Id, AgentId).GetAsync())!.Status);
    }

    [Fact]
    public async Task A_paused_agent_is_skipped_until_it_resumes_and_its_status_follows_its_phone()
    {
        var t = await LoadWithAgentAsync();
        var agent = Pbx.Agent(t.Id, AgentId);
        TestTenant.Ok(await agent.LoginAsync("5001", "1234"), "login");
        TestTenant.Ok(await agent.PauseAsync(true, "lunch"), "pause");
        var member = Assert.Single((await t.QueueAsync(QueueCalls.Queue)).Members);
        Assert.Equal((true, "lunch"), (member.Paused, member.PauseReason));
        Assert.Equal(AgentStatus.Paused, (await agent.GetAsync())!.Status);

        var call = await t.InboundAsync(QueueCalls.Number);
        await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.WaitingCount == 1, "the caller to wait");
        Advance(2);
        Assert.Empty((await t.ExtensionAsync("5001")).Channels);
        Assert.Equal(QueueCallerStatus.Waiting, (await t.QueueAsync(QueueCalls.Queue)).Calls.Single().Status);

        TestTenant.Ok(await agent.PauseAsync(false, ""), "resume");
        await t.ChannelAsync("5001", ChannelState.Ringing);
        Assert.Equal(AgentStatus.Ringing, (await agent.GetAsync())!.Status);
        Advance(1);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected to the agent");
        Assert.Equal(AgentStatus.OnCall, (await agent.GetAsync())!.Status);
        var taken = await Wait.Until(agent.GetAsync, a => a!.CallsTaken == 1, "the agent to count the call");
        Assert.Equal(Time.GetUtcNow(), taken!.LastCall);

        await t.EndAsync((await t.CallAsync(call.CallId))!, "5001");
        Assert.Equal(AgentStatus.Available, (await agent.GetAsync())!.Status);
    }

    [Fact]
    public async Task An_agent_that_logs_out_leaves_its_queues()
    {
        var t = await LoadWithAgentAsync();
        var agent = Pbx.Agent(t.Id, AgentId);
        TestTenant.Ok(await agent.LoginAsync("5001", null), "login without a PIN check");

        TestTenant.Ok(await agent.LogoutAsync(), "logout");

        Assert.Empty((await t.QueueAsync(QueueCalls.Queue)).Members);
        Assert.Empty((await t.QueueAsync("support")).Members);
        var view = await agent.GetAsync();
        Assert.Equal((AgentStatus.LoggedOut, (string?)null), (view!.Status, view.Extension));
        Assert.Equal(DomainError.AgentNotLoggedIn, (await agent.LogoutAsync()).Error);
    }

    [Fact]
    public async Task An_agent_logged_in_by_the_tenant_definition_takes_queue_calls()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.AutoAnswer("5001")]) with
        {
            Queues = [Define.Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.RingAll)],
            Agents = [new AgentConfig { Id = AgentId, Pin = "1", Queues = [new AgentQueueMembership(QueueCalls.Queue)] }],
            AgentLogins = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add(AgentId, "5001"),
        });

        await t.TakenByAsync(Fixture, "5001");

        Assert.Equal(1, (await Pbx.Agent(t.Id, AgentId).GetAsync())!.CallsTaken);
    }
}
