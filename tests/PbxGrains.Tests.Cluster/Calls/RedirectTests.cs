using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class RedirectTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Redirecting_an_up_channel_hangs_up_its_peer_and_connects_it_to_the_new_destination()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003"));
        var (callId, caller, callee) = await t.ConnectAsync("4001", "4002");

        TestTenant.Ok(await Pbx.RedirectAsync(t.Id, caller.Name, "4003"), "redirect");

        Assert.True((await Pbx.FindChannelAsync(t.Id, callee.Name))!.IsHungUp);
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);
        var third = await t.ChannelAsync("4003", ChannelState.Ringing);
        Assert.Equal("4001", third.CallerIdNumber);
        await t.AnswerAsync(third);

        var connected = await t.CallUntilAsync(callId, c => c.Phase == CallPhase.Connected, "connected to 4003");
        Assert.Equal(third.Name, connected!.Legs.Single(l => l.Name == caller.Name).LinkedChannel);
        Assert.Equal(caller.Name, connected.Legs.Single(l => l.Name == third.Name).LinkedChannel);
        Assert.Equal(2, connected.Legs.Length);

        await t.HangupAsync(third);
        var cdr = await t.CdrAsync(callId);
        Assert.Equal(("4003", third.Name, CdrDisposition.Answered), (cdr.Destination, cdr.DestinationChannel, cdr.Disposition));
        await t.IsGoneAsync(callId, "4001", "4002", "4003");
    }

    [Fact]
    public async Task Redirecting_to_an_unknown_number_is_refused_and_leaves_the_call_as_it_was()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002")]) with { Settings = new TenantSettings { OutsidePrefix = "0" } });
        var (callId, caller, callee) = await t.ConnectAsync("4001", "4002");

        Assert.Equal(DomainError.DestinationNotFound, (await Pbx.RedirectAsync(t.Id, caller.Name, "555")).Error);

        Assert.Equal(CallPhase.Connected, (await t.CallAsync(callId))!.Phase);
        await t.HangupAsync(callee);
        await t.IsGoneAsync(callId, "4001", "4002");
    }
}
