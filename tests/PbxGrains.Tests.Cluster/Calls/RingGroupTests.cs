using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class RingGroupTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private Task<TestTenant> LoadWithGroupAsync(RingGroupStrategy strategy, params ExtensionConfig[] members) => LoadAsync(id =>
        Define.Tenant(id, [Define.Phone("4001"), .. members]) with
        {
            RingGroups = [new RingGroupConfig { Number = "800", Strategy = strategy, RingTimeSeconds = 10, Members = [.. members.Select(m => m.Number)] }],
        });

    [Fact]
    public async Task A_ringall_group_rings_every_member_and_connects_the_first_to_answer()
    {
        var t = await LoadWithGroupAsync(RingGroupStrategy.RingAll, Define.Phone("4002"), Define.Phone("4003"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "800" }), "dial the group");
        await t.ChannelAsync("4002", ChannelState.Ringing);
        var answering = await t.ChannelAsync("4003", ChannelState.Ringing);

        await t.AnswerAsync(answering);

        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);
        await t.DeviceStateAsync("4003", DeviceState.InUse);
        await t.HangupAsync(answering);
        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal(("800", answering.Name, CdrDisposition.Answered), (cdr.Destination, cdr.DestinationChannel, cdr.Disposition));
        await t.IsGoneAsync(call.CallId, "4001", "4002", "4003");
    }

    [Fact]
    public async Task A_hunt_group_rings_its_members_one_after_the_other_and_ends_unanswered()
    {
        var t = await LoadWithGroupAsync(RingGroupStrategy.Hunt, Define.Phone("4002"), Define.Phone("4003", PhoneMode.Busy), Define.Phone("4004"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "800" }), "dial the group");
        await t.ChannelAsync("4002", ChannelState.Ringing);
        Assert.Empty((await t.ExtensionAsync("4004")).Channels);

        Advance(10);

        await t.ChannelAsync("4004", ChannelState.Ringing);
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);
        Assert.Empty((await t.ExtensionAsync("4003")).Channels);
        Advance(10);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.NoAnswer, 20), (cdr.Disposition, cdr.Duration));
        await t.IsGoneAsync(call.CallId, "4001", "4002", "4004");
    }
}
