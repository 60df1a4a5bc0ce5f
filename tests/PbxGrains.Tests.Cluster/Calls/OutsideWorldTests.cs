using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>Outside numbers answer, refuse or ring out as the tenant's outside-world rules say.</summary>
public sealed class OutsideWorldTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly TenantSettings Rules = new()
    {
        Trunk = "upc",
        OutsideWorld =
        [
            new ExternalRule { Pattern = "0800111", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(4) },
            new ExternalRule { Pattern = "0800222", Outcome = ExternalOutcome.Busy, Delay = Distribution.Constant(2) },
            new ExternalRule { Pattern = "0800333", Outcome = ExternalOutcome.Congestion, Delay = Distribution.Constant(2) },
            new ExternalRule { Pattern = "_0800444X", Outcome = ExternalOutcome.NoAnswer },
        ],
    };

    private Task<TestTenant> LoadWithRulesAsync() =>
        LoadAsync(id => Define.Tenant(id, [Define.Phone("4001")]) with { Settings = Rules });

    private async Task<CallSnapshot> DialOutAsync(TestTenant t, string number, int? ringTimeout = null)
    {
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = number, RingTimeoutSeconds = ringTimeout }), "dial out");
        var trunk = call.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk);
        Assert.StartsWith("SIP/upc-", trunk.Name, StringComparison.Ordinal);
        Assert.Equal((ChannelState.Ringing, number), (trunk.State, trunk.Exten));
        return call;
    }

    [Fact]
    public async Task An_outside_number_answers_after_its_rule_delay_and_bills_from_the_answer()
    {
        var t = await LoadWithRulesAsync();
        var call = await DialOutAsync(t, "0800111");

        Advance(3);
        Assert.Equal(CallPhase.Dialing, (await t.CallAsync(call.CallId))!.Phase);
        Advance(1);
        var connected = await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "answered by the far end");
        var trunk = connected!.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk);
        Assert.Equal(ChannelState.Up, trunk.State);
        await t.DeviceStateAsync("4001", DeviceState.InUse);

        Advance(30);
        await t.HangupAsync(connected.Legs.Single(l => l.Endpoint == "4001"));

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 30, 34), (cdr.Disposition, cdr.BillSec, cdr.Duration));
        Assert.Equal(("0800111", trunk.Name), (cdr.Destination, cdr.DestinationChannel));
        await t.IsGoneAsync(call.CallId, "4001");
    }

    [Fact]
    public async Task A_busy_outside_number_ends_the_call_with_a_busy_cdr()
    {
        var t = await LoadWithRulesAsync();
        var call = await DialOutAsync(t, "0800222");

        Advance(2);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Busy, HangupCause.UserBusy, 0), (cdr.Disposition, cdr.HangupCause, cdr.BillSec));
        await t.IsGoneAsync(call.CallId, "4001");
    }

    [Fact]
    public async Task A_congested_outside_number_ends_the_call_with_a_congestion_cdr()
    {
        var t = await LoadWithRulesAsync();
        var call = await DialOutAsync(t, "0800333");

        Advance(2);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Congestion, HangupCause.Congestion), (cdr.Disposition, cdr.HangupCause));
        await t.IsGoneAsync(call.CallId, "4001");
    }

    [Fact]
    public async Task An_outside_number_that_never_answers_ends_when_the_ring_timeout_runs_out()
    {
        var t = await LoadWithRulesAsync();
        var call = await DialOutAsync(t, "08004445", ringTimeout: 20);

        Advance(19);
        Assert.Equal(CallPhase.Dialing, (await t.CallAsync(call.CallId))!.Phase);
        Advance(1);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.NoAnswer, HangupCause.NoAnswer, 20), (cdr.Disposition, cdr.HangupCause, cdr.Duration));
        await t.IsGoneAsync(call.CallId, "4001");
    }

    [Fact]
    public async Task An_originate_to_an_outside_number_dials_it_once_the_source_answers()
    {
        var t = await LoadWithRulesAsync();
        var call = TestTenant.Ok(await Pbx.OriginateAsync(t.Id, new OriginateRequest { SourceExtension = "4001", Destination = "0800111" }), "originate");
        Assert.DoesNotContain(call.Legs, l => l.EndpointKind == EndpointKind.Trunk);

        await t.AnswerAsync(await t.ChannelAsync("4001", ChannelState.Ringing));
        var dialling = await t.CallUntilAsync(call.CallId, c => c.Legs.Any(l => l.EndpointKind == EndpointKind.Trunk), "dialling out");
        Assert.Equal("4001", dialling!.Legs.Single(l => l.EndpointKind == EndpointKind.Trunk).CallerIdNumber);
        Advance(4);

        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "answered by the far end");
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up the call");
        Assert.Equal(CdrDisposition.Answered, (await t.CdrAsync(call.CallId)).Disposition);
        await t.IsGoneAsync(call.CallId, "4001");
    }
}
