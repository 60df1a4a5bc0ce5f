using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Infrastructure.Define;

namespace PbxGrains.Tests.Cluster.Queues;

/// <summary>Which member a queue offers a call to, under each strategy.</summary>
public sealed class QueueStrategyTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Ringall_rings_every_free_member_and_the_first_to_answer_takes_the_call()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RingAll, Member("5001"), Member("5002"), Member("5003")));
        var call = await t.InboundAsync(QueueCalls.Number);
        foreach (var member in new[] { "5001", "5002", "5003" })
        {
            await t.DeviceStateAsync(member, DeviceState.Ringing);
        }

        Advance(1);

        var connected = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Any(c => c.Status == QueueCallerStatus.Connected), "a member to answer");
        var taker = connected.Calls.Single().MemberExtension!;
        foreach (var other in new[] { "5001", "5002", "5003" }.Where(m => m != taker))
        {
            await t.DeviceStateAsync(other, DeviceState.NotInUse);
        }

        await t.DeviceStateAsync(taker, DeviceState.InUse);
        var live = (await t.CallAsync(call.CallId))!;
        Assert.Equal(2, live.Legs.Length);
        await t.EndAsync(live, taker);
    }

    [Fact]
    public async Task Linear_always_offers_the_first_free_member_in_member_order()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Linear, Member("5001"), Member("5002"), Member("5003")));

        await t.TakenByAsync(Fixture, "5001");
        await t.TakenByAsync(Fixture, "5001");
        var first = await t.AnsweredByAsync(Fixture, "5001");
        var second = await t.AnsweredByAsync(Fixture, "5002");
        await t.EndAsync(first, "5001");
        await t.EndAsync(second, "5002");
        await t.TakenByAsync(Fixture, "5001");
    }

    [Fact]
    public async Task Rrordered_offers_each_call_to_the_member_after_the_one_that_took_the_last()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RoundRobin, Member("5001"), Member("5002"), Member("5003")));

        foreach (var member in new[] { "5001", "5002", "5003", "5001" })
        {
            await t.TakenByAsync(Fixture, member);
        }
    }

    [Fact]
    public async Task Leastrecent_offers_the_member_that_hung_up_least_recently()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.LeastRecent, Member("5001"), Member("5002"), Member("5003")));

        var longCall = await t.AnsweredByAsync(Fixture, "5001");
        await t.TakenByAsync(Fixture, "5002");
        await t.TakenByAsync(Fixture, "5003");
        await t.TakenByAsync(Fixture, "5002");
        await t.EndAsync(longCall, "5001");

        // app_queue orders by when a member last hung up a queue call: 5002, 5003, 5002 again, then 5001.
        // 5001's call began first but ended last; 5003 has been free the longest.
        await t.TakenByAsync(Fixture, "5003");
    }

    [Fact]
    public async Task Fewestcalls_offers_the_member_that_has_taken_the_fewest_calls()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.FewestCalls, Member("5001"), Member("5002", paused: true), Member("5003", paused: true)));
        await t.TakenByAsync(Fixture, "5001");
        await t.TakenByAsync(Fixture, "5001");
        TestTenant.Ok(await Pbx.Queue(t.Id, QueueCalls.Queue).PauseMemberAsync("5002", false, ""), "unpause 5002");
        TestTenant.Ok(await Pbx.Queue(t.Id, QueueCalls.Queue).PauseMemberAsync("5003", false, ""), "unpause 5003");

        await t.TakenByAsync(Fixture, "5002");
        await t.TakenByAsync(Fixture, "5003");

        // 5001 has two calls, the others one each; the least recent would be 5001.
        await t.TakenByAsync(Fixture, "5002");
    }

    [Fact]
    public async Task Random_offers_each_call_to_one_free_member()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Random, Member("5001"), Member("5002"), Member("5003")));
        string[] members = ["5001", "5002", "5003"];

        for (var i = 0; i < 4; i++)
        {
            var call = await t.InboundAsync(QueueCalls.Number);
            var ringing = await Wait.Until(async () => (await Task.WhenAll(members.Select(t.ExtensionAsync))).Where(v => v.DeviceState == DeviceState.Ringing).ToArray(),
                r => r.Length > 0, "a member to ring");
            var member = Assert.Single(ringing).Config.Number;
            Advance(1);
            await t.EndAsync((await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected"))!, member);
        }

        var snapshot = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal(4, snapshot.Members.Sum(m => m.CallsTaken));
        Assert.Equal((4, 4), (snapshot.Statistics.Answered, snapshot.Statistics.Completed));
    }

    [Fact]
    public async Task Members_with_a_lower_penalty_are_offered_calls_first()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Linear, Member("5001", penalty: 2), Member("5002"), Member("5003", penalty: 1)));

        var first = await t.AnsweredByAsync(Fixture, "5002");
        var second = await t.AnsweredByAsync(Fixture, "5003");
        var third = await t.AnsweredByAsync(Fixture, "5001");

        await t.EndAsync(first, "5002");
        await t.EndAsync(second, "5003");
        await t.EndAsync(third, "5001");
    }

    [Fact]
    public async Task Paused_members_are_skipped()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Linear, Member("5001", paused: true), Member("5002")));

        await t.TakenByAsync(Fixture, "5002");

        Assert.Empty((await t.ExtensionAsync("5001")).Channels);
        var snapshot = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal((0, 1), (snapshot.Members.Single(m => m.Extension == "5001").CallsTaken, snapshot.Members.Single(m => m.Extension == "5002").CallsTaken));
    }
}
