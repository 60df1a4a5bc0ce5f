using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class DialTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_phone_dialling_another_is_connected_when_the_callee_answers()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        Assert.Equal(CallPhase.Dialing, call.Phase);

        var caller = await t.ChannelAsync("4001", ChannelState.Ring);
        var callee = await t.ChannelAsync("4002", ChannelState.Ringing);
        Assert.Equal("4001", callee.CallerIdNumber);
        Assert.Equal("4002", caller.ConnectedLineNumber);
        Assert.Equal(DeviceState.InUse, (await t.ExtensionAsync("4001")).DeviceState);
        Assert.Equal(DeviceState.Ringing, (await t.ExtensionAsync("4002")).DeviceState);

        Advance(3);
        await t.AnswerAsync(callee);
        var connected = await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");
        var a = connected!.Legs.Single(l => l.Endpoint == "4001");
        var b = connected.Legs.Single(l => l.Endpoint == "4002");
        Assert.Equal((ChannelState.Up, b.Name), (a.State, a.LinkedChannel));
        Assert.Equal((ChannelState.Up, a.Name), (b.State, b.LinkedChannel));
        Assert.Equal(("4002", "User 4002"), (a.ConnectedLineNumber, a.ConnectedLineName));
        Assert.Equal(("4001", "User 4001"), (b.ConnectedLineNumber, b.ConnectedLineName));
        Assert.Contains(await t.CallsAsync(), c => c.CallId == call.CallId);

        Advance(10);
        await t.HangupAsync(a);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal(CdrDisposition.Answered, cdr.Disposition);
        Assert.Equal((13, 10), (cdr.Duration, cdr.BillSec));
        Assert.Equal(("4001", "4002", "Dial"), (cdr.Source, cdr.Destination, cdr.LastApplication));
        Assert.Equal((a.Name, b.Name), (cdr.Channel, cdr.DestinationChannel));
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task An_unregistered_phone_cannot_dial()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002")], unregistered: "4001"));

        var refused = await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" });

        Assert.Equal(DomainError.ExtensionUnregistered, refused.Error);
        Assert.Empty(await t.CallsAsync());
    }

    [Fact]
    public async Task Dialling_a_number_the_tenant_cannot_reach_is_refused()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001")]) with { Settings = new TenantSettings { OutsidePrefix = "0" } });

        var refused = await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "999" });

        Assert.Equal(DomainError.DestinationNotFound, refused.Error);
        Assert.Equal(DeviceState.NotInUse, (await t.ExtensionAsync("4001")).DeviceState);
    }

    [Fact]
    public async Task A_phone_already_on_a_call_rings_in_use_for_a_second_call()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003"));
        var (first, caller, _) = await t.ConnectAsync("4001", "4002");

        var second = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4003", Destination = "4001" }), "dial a busy line");

        await t.DeviceStateAsync("4001", DeviceState.RingInUse);
        var waiting = await t.ChannelAsync("4001", ChannelState.Ringing);
        await t.HangupAsync(waiting);
        await t.DeviceStateAsync("4001", DeviceState.InUse);
        await t.HangupAsync(caller);
        await t.IsGoneAsync(first, "4001", "4002");
        await t.IsGoneAsync(second.CallId, "4003");
    }

    [Fact]
    public async Task An_inbound_call_to_a_public_number_rings_its_extension_and_the_caller_hangs_up_after_its_talk_time()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.Phone("4001") with { PublicNumber = "+3220000001" }]));
        var call = TestTenant.Ok(await Pbx.InboundAsync(t.Id, new InboundCallRequest
        {
            CallerIdNumber = "0477000000",
            Destination = "3220000001",
            TalkSeconds = 25,
        }), "inbound call");
        var ringing = await t.ChannelAsync("4001", ChannelState.Ringing);
        Assert.Equal("0477000000", ringing.CallerIdNumber);

        await t.AnswerAsync(ringing);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");
        Advance(25);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 25, "0477000000", "3220000001"), (cdr.Disposition, cdr.BillSec, cdr.Source, cdr.Destination));
        await t.IsGoneAsync(call.CallId, "4001");
    }
}
