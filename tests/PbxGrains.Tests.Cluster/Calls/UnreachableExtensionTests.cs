using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>Calls to extensions that cannot or will not take them.</summary>
public sealed class UnreachableExtensionTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private async Task<CdrRecord> DialAndGetCdrAsync(TestTenant t, string to)
    {
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = to }), "dial");
        var cdr = await t.CdrAsync(call.CallId);
        await t.IsGoneAsync(call.CallId, "4001");
        return cdr;
    }

    [Fact]
    public async Task A_busy_phone_refuses_the_call_at_once_with_a_busy_cdr()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002", PhoneMode.Busy));
        Assert.Equal(DeviceState.Busy, (await t.ExtensionAsync("4002")).DeviceState);

        var cdr = await DialAndGetCdrAsync(t, "4002");

        Assert.Equal((CdrDisposition.Busy, HangupCause.UserBusy), (cdr.Disposition, cdr.HangupCause));
        Assert.Empty((await t.ExtensionAsync("4002")).Channels);
    }

    [Fact]
    public async Task A_do_not_disturb_phone_refuses_the_call_as_busy()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002", PhoneMode.DoNotDisturb));

        var cdr = await DialAndGetCdrAsync(t, "4002");

        Assert.Equal((CdrDisposition.Busy, HangupCause.UserBusy), (cdr.Disposition, cdr.HangupCause));
        Assert.Equal(DeviceState.Busy, (await t.ExtensionAsync("4002")).DeviceState);
    }

    [Fact]
    public async Task An_unregistered_phone_is_absent_and_the_call_fails()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002")], unregistered: "4002"));
        Assert.Equal(DeviceState.Unavailable, (await t.ExtensionAsync("4002")).DeviceState);

        var cdr = await DialAndGetCdrAsync(t, "4002");

        Assert.Equal((CdrDisposition.Failed, HangupCause.SubscriberAbsent), (cdr.Disposition, cdr.HangupCause));
        Assert.Equal(DeviceState.Unavailable, (await t.ExtensionAsync("4002")).DeviceState);
    }

    [Fact]
    public async Task A_phone_nobody_answers_stops_ringing_when_its_ring_timer_runs_out()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002") with { RingTimerSeconds = 15 });
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        await t.DeviceStateAsync("4002", DeviceState.Ringing);

        Advance(14);
        Assert.Equal(CallPhase.Dialing, (await t.CallAsync(call.CallId))!.Phase);
        Advance(1);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.NoAnswer, HangupCause.NoAnswer, 15), (cdr.Disposition, cdr.HangupCause, cdr.Duration));
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task A_rejected_call_ends_with_a_busy_cdr()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        var ringing = await t.ChannelAsync("4002", ChannelState.Ringing);

        TestTenant.Ok(await Pbx.RejectAsync(t.Id, ringing.Name), "reject");

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Busy, HangupCause.CallRejected), (cdr.Disposition, cdr.HangupCause));
        await t.IsGoneAsync(call.CallId, "4001", "4002");
        Assert.Equal(DomainError.ChannelNotFound, (await Pbx.RejectAsync(t.Id, ringing.Name)).Error);
    }

    [Fact]
    public async Task A_phone_set_to_reject_declines_after_its_answer_delay()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002", PhoneMode.Reject));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        await t.DeviceStateAsync("4002", DeviceState.Ringing);

        Advance(1);

        Assert.Equal(HangupCause.CallRejected, (await t.CdrAsync(call.CallId)).HangupCause);
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task Answering_a_channel_that_is_already_up_is_refused()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var (callId, _, callee) = await t.ConnectAsync("4001", "4002");

        Assert.Equal(DomainError.ChannelNotRinging, (await Pbx.AnswerAsync(t.Id, callee.Name)).Error);

        await t.HangupAsync(callee);
        await t.IsGoneAsync(callId, "4001", "4002");
    }
}
