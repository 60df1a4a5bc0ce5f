using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class HoldTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Holding_a_channel_shows_its_phone_on_hold_until_it_is_taken_off_hold()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");

        TestTenant.Ok(await Pbx.HoldAsync(t.Id, caller.Name), "hold");
        await t.DeviceStateAsync("4001", DeviceState.OnHold);
        Assert.True((await Pbx.FindChannelAsync(t.Id, caller.Name))!.OnHold);
        Assert.Equal(DeviceState.InUse, (await t.ExtensionAsync("4002")).DeviceState);
        Assert.Equal(DomainError.ChannelOnHold, (await Pbx.HoldAsync(t.Id, caller.Name)).Error);

        TestTenant.Ok(await Pbx.UnholdAsync(t.Id, caller.Name), "unhold");
        await t.DeviceStateAsync("4001", DeviceState.InUse);
        Assert.False((await Pbx.FindChannelAsync(t.Id, caller.Name))!.OnHold);

        await t.HangupAsync(caller);
        await t.IsGoneAsync(callId, "4001", "4002");
    }

    [Fact]
    public async Task Taking_a_channel_off_hold_that_is_not_on_hold_is_refused()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");

        var refused = await Pbx.UnholdAsync(t.Id, caller.Name);

        Assert.Equal(DomainError.ChannelNotOnHold, refused.Error);
        await t.HangupAsync(caller);
        await t.IsGoneAsync(callId, "4001", "4002");
    }

    [Fact]
    public async Task A_ringing_channel_cannot_be_put_on_hold()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new() { FromExtension = "4001", Destination = "4002" }), "dial");
        var ringing = await t.ChannelAsync("4002", ChannelState.Ringing);

        Assert.Equal(DomainError.ChannelNotUp, (await Pbx.HoldAsync(t.Id, ringing.Name)).Error);

        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }
}
