using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class ParkingTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private Task<TestTenant> LoadWithLotAsync(int timeoutSeconds = 0) => LoadAsync(id =>
        Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003")]) with
        {
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 701, SlotCount = 3, TimeoutSeconds = timeoutSeconds }],
        });

    [Fact]
    public async Task Parking_a_channel_puts_it_in_the_first_free_slot_and_hangs_up_the_one_who_parked_it()
    {
        var t = await LoadWithLotAsync();
        var (callId, caller, callee) = await t.ConnectAsync("4001", "4002");

        var slot = TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park");

        Assert.Equal(701, slot);
        var parked = await Pbx.FindChannelAsync(t.Id, caller.Name);
        Assert.Equal((701, ChannelState.Up, (string?)null), (parked!.ParkedSlot, parked.State, parked.LinkedChannel));
        Assert.True((await Pbx.FindChannelAsync(t.Id, callee.Name))!.IsHungUp);
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);
        var lot = await Pbx.ParkingLot(t.Id, "default").GetAsync();
        var entry = Assert.Single(lot.Parked);
        Assert.Equal((701, caller.Name, callId, "4002"), (entry.Slot, entry.Channel, entry.CallId, entry.ParkedBy));
        Assert.Equal(CallPhase.Parked, (await t.CallAsync(callId))!.Phase);

        TestTenant.Ok(await Pbx.Call(t.Id, callId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(callId, "4001", "4002");
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
    }

    [Fact]
    public async Task Another_extension_joining_the_slot_is_bridged_to_the_parked_call_and_frees_the_slot()
    {
        var t = await LoadWithLotAsync();
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");
        var slot = TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park");

        TestTenant.Ok(await Pbx.JoinParkedAsync(t.Id, "default", slot, "4003"), "join the parked call");
        var joiner = await t.ChannelAsync("4003", ChannelState.Ringing);
        await t.AnswerAsync(joiner);

        var connected = await t.CallUntilAsync(callId, c => c.Phase == CallPhase.Connected, "bridged to the joiner");
        var parked = connected!.Legs.Single(l => l.Name == caller.Name);
        Assert.Equal((joiner.Name, (int?)null), (parked.LinkedChannel, parked.ParkedSlot));
        Assert.Equal(caller.Name, connected.Legs.Single(l => l.Name == joiner.Name).LinkedChannel);
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
        await t.DeviceStateAsync("4003", DeviceState.InUse);

        await t.HangupAsync(joiner);
        await t.IsGoneAsync(callId, "4001", "4002", "4003");
    }

    [Fact]
    public async Task A_phone_dialling_the_slot_number_picks_up_the_parked_call_at_once()
    {
        var t = await LoadWithLotAsync();
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");
        var slot = TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park");

        var joined = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4003", Destination = $"{slot}" }), "dial the slot");

        Assert.Equal((callId, CallPhase.Connected), (joined.CallId, joined.Phase));
        await t.DeviceStateAsync("4003", DeviceState.InUse);
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
        TestTenant.Ok(await Pbx.Call(t.Id, callId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(callId, "4001", "4002", "4003");
    }

    [Fact]
    public async Task Joining_an_empty_slot_is_refused()
    {
        var t = await LoadWithLotAsync();

        var refused = await Pbx.JoinParkedAsync(t.Id, "default", 702, "4003");

        Assert.Equal(DomainError.ParkingSlotEmpty, refused.Error);
        Assert.Equal(DomainError.ParkingSlotEmpty, (await Pbx.OriginateAsync(t.Id, new OriginateRequest { SourceExtension = "4003", Destination = "702" })).Error);
        Assert.Empty((await t.ExtensionAsync("4003")).Channels);
    }

    [Fact]
    public async Task A_ringing_channel_cannot_be_parked()
    {
        var t = await LoadWithLotAsync();
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");
        var ringing = await t.ChannelAsync("4002", ChannelState.Ringing);

        var refused = await Pbx.ParkAsync(t.Id, ringing.Name);

        Assert.False(refused.IsOk);
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
        Assert.Equal(CallPhase.Dialing, (await t.CallAsync(call.CallId))!.Phase);
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task A_parked_called_party_that_hangs_up_frees_its_slot()
    {
        var t = await LoadWithLotAsync();
        var (callId, _, callee) = await t.ConnectAsync("4001", "4002");
        Assert.Equal(701, TestTenant.Ok(await Pbx.ParkAsync(t.Id, callee.Name), "park the called party"));
        await t.DeviceStateAsync("4001", DeviceState.NotInUse);

        await t.HangupAsync(callee);

        await t.IsGoneAsync(callId, "4001", "4002");
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
    }

    [Fact]
    public async Task A_parked_call_nobody_picks_up_rings_back_the_one_who_parked_it()
    {
        var t = await LoadWithLotAsync(timeoutSeconds: 45);
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");
        TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park");
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);

        Advance(45);

        var ringBack = await t.ChannelAsync("4002", ChannelState.Ringing);
        Assert.Equal("4001", ringBack.CallerIdNumber);
        await t.AnswerAsync(ringBack);
        await t.CallUntilAsync(callId, c => c.Phase == CallPhase.Connected, "bridged to the parker again");
        Assert.Empty((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);
        await t.HangupAsync(ringBack);
        await t.IsGoneAsync(callId, "4001", "4002");
    }

    [Fact]
    public async Task A_ring_back_nobody_answers_leaves_the_call_parked_and_rings_back_again_after_the_timeout()
    {
        var t = await LoadWithLotAsync(timeoutSeconds: 45);
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");
        TestTenant.Ok(await Pbx.ParkAsync(t.Id, caller.Name), "park");
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);

        Advance(45);
        var firstRingBack = await t.ChannelAsync("4002", ChannelState.Ringing);
        Advance(30);
        await t.DeviceStateAsync("4002", DeviceState.NotInUse);
        Assert.Equal(CallPhase.Parked, (await t.CallAsync(callId))!.Phase);
        Assert.Single((await Pbx.ParkingLot(t.Id, "default").GetAsync()).Parked);

        Advance(45);
        var secondRingBack = await t.ChannelAsync("4002", ChannelState.Ringing);
        Assert.NotEqual(firstRingBack.Name, secondRingBack.Name);
        TestTenant.Ok(await Pbx.Call(t.Id, callId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        await t.IsGoneAsync(callId, "4001", "4002");
    }
}
