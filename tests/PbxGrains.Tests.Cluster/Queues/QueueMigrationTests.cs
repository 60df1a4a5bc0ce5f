using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Infrastructure.Define;

namespace PbxGrains.Tests.Cluster.Queues;

/// <summary>
/// A queue moved to the other silo (as a silo that stops gracefully moves it) keeps its callers, its offer in progress,
/// its members' state and its statistics, and pollers see the very snapshot they saw.
/// </summary>
public sealed class QueueMigrationTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_queue_moved_while_a_member_rings_keeps_its_callers_offer_and_statistics()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("5001")]) with
        {
            Queues = [Queue(QueueCalls.Queue, QueueCalls.Number, QueueStrategy.RingAll, Member("5001"))],
        });
        var first = await t.InboundAsync(QueueCalls.Number, caller: "0611111111");
        var second = await t.InboundAsync(QueueCalls.Number, caller: "0622222222", patienceSeconds: 100);
        var ringing = await t.ChannelAsync("5001", ChannelState.Ringing);
        var before = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Length == 2 && q.Calls[0].Status == QueueCallerStatus.Ringing,
            "the member to ring for the first caller");

        var (from, to) = await Migration.MoveAsync(Fixture, Fixture.Cluster.Client.GetGrain<IQueueGrain>(TenantKey.Of(t.Id, QueueCalls.Queue)));
        Assert.NotEqual(from, to);

        // The same snapshot: no new version, so a poller that asks whether it changed is told it did not.
        var after = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal((before.Epoch, before.Version), (after.Epoch, after.Version));
        Assert.Null(await Pbx.Queue(t.Id, QueueCalls.Queue).GetSnapshotIfChangedAsync(before.Epoch, before.Version));
        Assert.Equal(before.Calls.Select(c => (c.CallId, c.Status, c.Position)), after.Calls.Select(c => (c.CallId, c.Status, c.Position)));

        // The offer made before the move is answered after it; the second caller gives up when its patience ends.
        Advance(2);
        await t.AnswerAsync(ringing);
        await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Calls.Any(c => c.CallId == first.CallId && c.Status == QueueCallerStatus.Connected),
            "the first caller to be connected");
        Advance(98);
        var abandoned = await Wait.Until(() => t.QueueAsync(QueueCalls.Queue), q => q.Statistics.Abandoned == 1, "the second caller to abandon");
        Assert.Equal((2, 1, 100.0), (abandoned.Statistics.Offered, abandoned.Statistics.Answered, abandoned.Statistics.TotalAbandonWaitSeconds));
        Assert.Equal(second.CallId, (await t.CdrAsync(second.CallId)).UniqueId);

        await t.EndAsync((await t.CallAsync(first.CallId))!, "5001");
        var ended = await t.QueueAsync(QueueCalls.Queue);
        Assert.Equal((1, 1, 0), (ended.Statistics.Completed, ended.Members.Single().CallsTaken, ended.Calls.Length));
    }
}
