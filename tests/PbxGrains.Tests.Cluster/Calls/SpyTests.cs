using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class SpyTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_spy_rings_and_once_answered_listens_to_the_target_until_the_target_hangs_up()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003"));
        var (callId, caller, callee) = await t.ConnectAsync("4001", "4002");

        TestTenant.Ok(await Pbx.SpyAsync(t.Id, new SpyRequest { SpyExtension = "4003", TargetChannel = caller.Name }), "spy");
        var spy = await t.ChannelAsync("4003", ChannelState.Ringing);
        await t.AnswerAsync(spy);

        var spying = await t.ChannelByNameAsync(spy.Name, c => c.State == ChannelState.Up);
        Assert.Equal((caller.Name, SpyMode.Listen, "ChanSpy"), (spying!.SpyTarget, spying.SpyMode, spying.Application));
        Assert.Equal(callId, spying.CallId);
        await t.DeviceStateAsync("4003", DeviceState.InUse);
        Assert.Equal(callee.Name, (await Pbx.FindChannelAsync(t.Id, caller.Name))!.LinkedChannel);

        await t.HangupAsync(caller);

        await t.ChannelByNameAsync(spy.Name, c => c.IsHungUp);
        await t.IsGoneAsync(callId, "4001", "4002", "4003");
        Assert.DoesNotContain(spy.Name, (await t.CdrAsync(callId)).Channels);
    }

    [Fact]
    public async Task An_extension_cannot_spy_on_its_own_channel()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");

        var refused = await Pbx.SpyAsync(t.Id, new SpyRequest { SpyExtension = "4001", TargetChannel = caller.Name });

        Assert.Equal(DomainError.SpyOnSelf, refused.Error);
        Assert.Single((await t.ExtensionAsync("4001")).Channels);
        await t.HangupAsync(caller);
        await t.IsGoneAsync(callId, "4001", "4002");
    }

    [Fact]
    public async Task A_channel_that_is_not_up_cannot_be_spied_on()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        var ringing = await t.ChannelAsync("4002", ChannelState.Ringing);

        var refused = await Pbx.SpyAsync(t.Id, new SpyRequest { SpyExtension = "4003", TargetChannel = ringing.Name });

        Assert.Equal(DomainError.SpyTargetNotUp, refused.Error);
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(call.CallId, "4001", "4002", "4003");
    }

    [Fact]
    public async Task A_spy_ends_when_its_target_leaves_the_call_without_hanging_up_the_call()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003")]) with
        {
            ParkingLots = [new ParkingLotConfig { Name = "default", TimeoutSeconds = 0 }],
        });
        var (callId, caller, callee) = await t.ConnectAsync("4001", "4002");
        TestTenant.Ok(await Pbx.SpyAsync(t.Id, new SpyRequest { SpyExtension = "4003", TargetChannel = callee.Name }), "spy on the called party");
        var spy = await t.ChannelAsync("4003", ChannelState.Ringing);
        await t.AnswerAsync(spy);
        await t.ChannelByNameAsync(spy.Name, c => c.SpyTarget == callee.Name);

        TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park the caller, which hangs up the called party");

        await t.ChannelByNameAsync(spy.Name, c => c.IsHungUp);
        await t.DeviceStateAsync("4003", DeviceState.NotInUse);
        Assert.Equal(CallPhase.Parked, (await t.CallAsync(callId))!.Phase);
        TestTenant.Ok(await Pbx.Call(t.Id, callId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(callId, "4001", "4002", "4003");
    }
}
