using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

public sealed class OriginateTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task An_originate_rings_the_source_first_then_the_destination_and_writes_an_answered_cdr()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var call = TestTenant.Ok(await Pbx.OriginateAsync(t.Id, new OriginateRequest
        {
            SourceExtension = "4001",
            Destination = "4002",
            AccountCode = "acct-7",
            CustomFields = ImmutableDictionary<string, string>.Empty.Add("crm", "case-42"),
            RecordingFile = "rec/4001-4002.wav",
        }), "originate");
        Assert.Equal(CallPhase.Setup, call.Phase);
        var started = Time.GetUtcNow();

        await t.DeviceStateAsync("4001", DeviceState.Ringing);
        var source = await t.ChannelAsync("4001", ChannelState.Ringing);
        Assert.Equal(call.CallId, source.UniqueId);
        Assert.Equal("4002", source.CallerIdNumber);
        Assert.Equal(DeviceState.NotInUse, (await t.ExtensionAsync("4002")).DeviceState);

        await t.AnswerAsync(source);
        var destination = await t.ChannelAsync("4002", ChannelState.Ringing);
        Assert.Equal("4001", destination.CallerIdNumber);
        await t.DeviceStateAsync("4002", DeviceState.Ringing);

        Advance(5);
        await t.AnswerAsync(destination);
        var connected = await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");
        Assert.All(connected!.Legs, l => Assert.Equal(ChannelState.Up, l.State));
        var a = connected.Legs.Single(l => l.Endpoint == "4001");
        var b = connected.Legs.Single(l => l.Endpoint == "4002");
        Assert.Equal(b.Name, a.LinkedChannel);
        Assert.Equal(a.Name, b.LinkedChannel);
        Assert.Equal("4002", a.ConnectedLineNumber);
        Assert.Equal(("4001", "User 4001"), (b.ConnectedLineNumber, b.ConnectedLineName));
        await t.DeviceStateAsync("4001", DeviceState.InUse);
        await t.DeviceStateAsync("4002", DeviceState.InUse);

        Advance(42);
        await t.HangupAsync(b);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal(CdrDisposition.Answered, cdr.Disposition);
        Assert.Equal(42, cdr.BillSec);
        Assert.Equal(47, cdr.Duration);
        Assert.Equal(started, cdr.Start);
        Assert.Equal("4001", cdr.Source);
        Assert.Equal("4002", cdr.Destination);
        Assert.Equal(a.Name, cdr.Channel);
        Assert.Equal(b.Name, cdr.DestinationChannel);
        Assert.Equal([a.Name, b.Name], cdr.Channels);
        Assert.Equal("acct-7", cdr.AccountCode);
        Assert.Equal("case-42", cdr.CustomFields["crm"]);
        Assert.Equal("rec/4001-4002.wav", cdr.RecordingFile);
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task An_originate_from_an_auto_answer_phone_into_a_queue_connects_the_source_to_a_member()
    {
        var t = await LoadAsync(id => Define.Tenant(id, [Define.AutoAnswer("4001"), Define.AutoAnswer("5001")]) with
        {
            Queues = [Define.Queue("sales", "600", QueueStrategy.RingAll, Define.Member("5001"))],
        });
        var call = TestTenant.Ok(await Pbx.OriginateAsync(t.Id, new OriginateRequest { SourceExtension = "4001", Destination = "600" }), "originate");
        await t.DeviceStateAsync("4001", DeviceState.Ringing);

        Advance(1);
        await t.ChannelAsync("5001", ChannelState.Ringing);
        Assert.Equal(CallPhase.Queued, (await t.CallAsync(call.CallId))!.Phase);
        Advance(1);

        var connected = await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected to the member");
        Assert.Equal("sales", connected!.Queue);
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal(("600", "sales", CdrDisposition.Answered), (cdr.Destination, cdr.Queue, cdr.Disposition));
        await t.IsGoneAsync(call.CallId, "4001", "5001");
        var member = Assert.Single((await t.QueueAsync("sales")).Members);
        Assert.Equal((false, 1), (member.InCall, member.CallsTaken));
    }

    [Fact]
    public async Task An_originate_that_requires_a_free_source_is_refused_while_the_source_is_on_a_call()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003"));
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");

        var refused = await Pbx.OriginateAsync(t.Id, new OriginateRequest { SourceExtension = "4001", Destination = "4003", RequireSourceAvailable = true });

        Assert.Equal(DomainError.ExtensionBusy, refused.Error);
        Assert.Single(await t.CallsUntilAsync(c => c.Length == 1, "the one connected call"));
        await t.HangupAsync(caller);
        await t.IsGoneAsync(callId, "4001", "4002");
    }

    [Fact]
    public async Task A_source_that_never_answers_ends_the_originate_without_dialling_the_destination()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var call = TestTenant.Ok(await Pbx.OriginateAsync(t.Id, new OriginateRequest { SourceExtension = "4001", Destination = "4002", SourceRingTimeoutSeconds = 20 }), "originate");
        await t.DeviceStateAsync("4001", DeviceState.Ringing);

        Advance(20);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.NoAnswer, HangupCause.NoAnswer), (cdr.Disposition, cdr.HangupCause));
        Assert.Single(cdr.Channels);
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task A_recording_started_during_the_call_is_named_in_the_cdr()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002"));
        var (callId, caller, _) = await t.ConnectAsync("4001", "4002");

        TestTenant.Ok(await Pbx.SetRecordingAsync(t.Id, caller.Name, true, "monitor/x.wav"), "start recording");
        TestTenant.Ok(await Pbx.SetVariableAsync(t.Id, caller.Name, "CRM_ID", "77"), "set a variable");

        Assert.Equal("77", TestTenant.Ok(await Pbx.GetVariableAsync(t.Id, caller.Name, "CRM_ID"), "read the variable"));
        Assert.True((await Pbx.FindChannelAsync(t.Id, caller.Name))!.Recording);
        await t.HangupAsync(caller);
        Assert.Equal("monitor/x.wav", (await t.CdrAsync(callId)).RecordingFile);
        await t.IsGoneAsync(callId, "4001", "4002");
    }
}
