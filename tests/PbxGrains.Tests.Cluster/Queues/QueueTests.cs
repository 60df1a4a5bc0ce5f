using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Infrastructure.Define;

namespace PbxGrains.Tests.Cluster.Queues;

public sealed class QueueTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_queue_caller_shows_as_waiting_then_as_connected_to_the_member_interface()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RingAll, Member("5001", paused: true)));
        var call = await t.InboundAsync(QueueCalls.Number, caller: "0611111111");

        var waiting = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Length == 1, "the caller to wait");
        var caller = waiting.Calls.Single();
        Assert.Equal((call.CallId, QueueCallerStatus.Waiting, 1, "0611111111"), (caller.CallId, caller.Status, caller.Position, caller.CallerIdNumber));
        Assert.Equal(1, waiting.WaitingCount);
        var trunk = (await t.CallAsync(call.CallId))!.Legs.Single();
        Assert.Equal((ChannelState.Up, "Queue", QueueCalls.Queue), (trunk.State, trunk.Application, trunk.Queue));

        Advance(7);
        TestTenant.Ok(await Pbx.Queue(t.Id, QueueCalls.Queue).PauseMemberAsync("5001", false, ""), "unpause");
        await t.ChannelAsync("5001", ChannelState.Ringing);
        Advance(1);

        var connected = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Any(c => c.Status == QueueCallerStatus.Connected), "the caller to be connected");
        var view = connected.Calls.Single();
        Assert.Equal(("SIP/5001", "5001", 0, 8), (view.MemberInterface, view.MemberExtension, view.Position, view.WaitedSeconds));
        Assert.Equal(0, connected.WaitingCount);
        Assert.Equal((1, 1, 0), (connected.Statistics.Offered, connected.Statistics.Answered, connected.Statistics.Completed));
        var member = connected.Members.Single();
        Assert.Equal((true, call.CallId, 1), (member.InCall, member.BusyWithCall, member.CallsTaken));
        var legs = (await t.CallAsync(call.CallId))!.Legs;
        var memberLeg = legs.Single(l => l.Endpoint == "5001");
        Assert.Equal(memberLeg.Name, view.AgentChannel);
        Assert.Equal("5001", legs.Single(l => l.EndpointKind == EndpointKind.Trunk).ConnectedLineNumber);
        Assert.Equal(("0611111111", "Caller 0611111111"), (memberLeg.ConnectedLineNumber, memberLeg.ConnectedLineName));

        await t.EndAsync((await t.CallAsync(call.CallId))!, "5001");
        var after = await t.QueueAsync(QueueCalls.Queue);
        Assert.Empty(after.Calls);
        Assert.Equal(1, after.Statistics.Completed);
    }

    [Fact]
    public async Task A_caller_who_runs_out_of_patience_abandons_and_is_counted()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RingAll, Member("5001", paused: true)));
        var call = await t.InboundAsync(QueueCalls.Number, patienceSeconds: 20);
        await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Length == 1, "the caller to wait");

        Advance(20);

        var snapshot = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Statistics.Abandoned == 1, "the abandon to be counted");
        Assert.Empty(snapshot.Calls);
        Assert.Equal((1, 0, 20.0), (snapshot.Statistics.Offered, snapshot.Statistics.Answered, snapshot.Statistics.TotalAbandonWaitSeconds));
        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((QueueCalls.Queue, "Queue"), (cdr.Queue, cdr.LastApplication));
        await t.IsGoneAsync(call.CallId);
    }

    [Fact]
    public async Task A_queue_at_its_maximum_turns_further_callers_away()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RingAll, Member("5001", paused: true)) with
        {
            Queues = [Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.RingAll, Member("5001", paused: true)) with { MaxCallers = 1 }],
        });
        var first = await t.InboundAsync(QueueCalls.Number, caller: "0611111111");

        var second = await t.InboundAsync(QueueCalls.Number, caller: "0622222222");

        Assert.Equal(CallPhase.Ended, second.Phase);
        var snapshot = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal(first.CallId, Assert.Single(snapshot.Calls).CallId);
        Assert.Equal(1, snapshot.Statistics.Offered);
        await t.IsGoneAsync(second.CallId);
        TestTenant.Ok(await Pbx.Call(t.Id, first.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(first.CallId);
    }

    [Fact]
    public async Task A_member_that_does_not_answer_is_released_and_the_next_member_is_tried()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("5001"), Define.AutoAnswer("5002")]) with
        {
            Queues = [Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.Linear, Member("5001"), Member("5002")) with { MemberTimeoutSeconds = 10 }],
        });
        var call = await t.InboundAsync(QueueCalls.Number);
        await t.ChannelAsync("5001", ChannelState.Ringing);

        Advance(10);

        await t.ChannelAsync("5002", ChannelState.Ringing);
        await t.DeviceStateAsync("5001", DeviceState.NotInUse);
        Advance(1);
        var connected = await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected to 5002");
        Assert.Contains(connected!.Legs, l => l.Endpoint == "5002");
        var snapshot = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal((false, (string?)null), (snapshot.Members[0].InCall, snapshot.Members[0].BusyWithCall));
        await t.EndAsync(connected, "5002");
    }

    [Fact]
    public async Task A_waiting_caller_is_offered_to_a_member_as_soon_as_its_call_ends()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Linear, Member("5001")));
        var first = await t.AnsweredByAsync(Fixture, "5001");
        var second = await t.InboundAsync(QueueCalls.Number, caller: "0622222222");
        await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.WaitingCount == 1, "the second caller to wait");

        await t.HangupAsync(first.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk));

        await t.ChannelAsync("5001", ChannelState.Ringing);
        Advance(1);
        var connected = await t.CallUntilAsync(second.CallId, c => c.Phase == CallPhase.Connected, "the second caller connected");
        await t.EndAsync(connected!, "5001");
    }

    [Fact]
    public async Task A_queue_caller_with_a_talk_time_hangs_up_that_long_after_being_connected()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.RingAll, Member("5001")));
        var call = TestTenant.Ok(await Pbx.InboundAsync(t.Id, new InboundCallRequest
        {
            CallerIdNumber = "0611111111",
            Destination = QueueCalls.Number,
            PatienceSeconds = 60,
            TalkSeconds = 30,
        }), "inbound call");
        await t.ChannelAsync("5001", ChannelState.Ringing);
        Advance(1);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");

        Advance(30);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 30), (cdr.Disposition, cdr.BillSec));
        await t.IsGoneAsync(call.CallId, "5001");
        var snapshot = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Statistics.Completed == 1, "the call to complete");
        Assert.Equal((0, 30.0), (snapshot.Statistics.Abandoned, snapshot.Statistics.TotalTalkSeconds));
    }

    [Fact]
    public async Task A_member_in_wrap_up_is_offered_the_next_caller_only_when_its_wrap_up_ends()
    {
        var t = await LoadAsync(id => QueueCalls.Tenant(id, QueueStrategy.Linear, Member("5001")) with
        {
            Queues = [Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.Linear, Member("5001")) with { WrapUpSeconds = 10 }],
        });
        await t.TakenByAsync(Fixture, "5001");
        var wrapping = Assert.Single((await t.QueueAsync(QueueCalls.Queue)).Members);
        Assert.Equal(Time.GetUtcNow().AddSeconds(10), wrapping.WrapUpUntil);

        var call = await t.InboundAsync(QueueCalls.Number);
        await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.WaitingCount == 1, "the caller to wait");
        Advance(9);
        Assert.Equal(QueueCallerStatus.Waiting, (await t.QueueAsync(QueueCalls.Queue)).Calls.Single().Status);
        Assert.Empty((await t.ExtensionAsync("5001")).Channels);

        Advance(1);

        await t.ChannelAsync("5001", ChannelState.Ringing);
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(call.CallId, "5001");
    }
}
