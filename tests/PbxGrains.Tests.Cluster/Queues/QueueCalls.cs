using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Queues;

/// <summary>Driving calls through a queue whose members have auto-answer phones (they pick up one second after ringing).</summary>
public static class QueueCalls
{
    public const string Queue = "sales";
    public const string Number = "600";

    public static TenantDefinition Tenant(string id, QueueStrategy strategy, params QueueMemberConfig[] members) =>
        Define.Tenant(id, [.. members.Select(m => Define.AutoAnswer(m.Extension))]) with
        {
            Queues = [Define.Queue(Queue, Number, strategy, members)],
        };

    /// <summary>
    /// A caller dials the queue; the member expected to be offered the call rings and answers. Returns the connected
    /// call (the caller still on the line).
    /// </summary>
    public static async Task<CallSnapshot> AnsweredByAsync(this TestTenant t, ClusterFixture fixture, string member)
    {
        var call = await t.InboundAsync(Number);
        await t.ChannelAsync(member, ChannelState.Ringing);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await Wait.Until(() => t.QueueAsync(Queue),
            q => q.Calls.Any(c => c.CallId == call.CallId && c.Status == QueueCallerStatus.Connected),
            $"call {call.CallId} to be connected in the queue");
        Assert.Equal(member, snapshot.Calls.Single(c => c.CallId == call.CallId).MemberExtension);
        return (await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected"))!;
    }

    /// <summary>The caller hangs up; the member's phone and its queue membership are free again.</summary>
    public static async Task EndAsync(this TestTenant t, CallSnapshot call, string member)
    {
        await t.HangupAsync(call.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk));
        await t.IsGoneAsync(call.CallId, member);
        await Wait.Until(() => t.QueueAsync(Queue), q => q.Members.Single(m => m.Extension == member) is { InCall: false, BusyWithCall: null },
            $"member {member} to be free in the queue");
    }

    /// <summary>One whole queue call: offered to <paramref name="member"/>, answered, ended.</summary>
    public static async Task TakenByAsync(this TestTenant t, ClusterFixture fixture, string member) =>
        await t.EndAsync(await t.AnsweredByAsync(fixture, member), member);
}
