using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>
/// Telephony faults act on the calls that start while they hold: the trunk refuses outside numbers, a share of them
/// fails, a phone stops answering, answered calls drop mid-talk; each in its window of simulated time, for the numbers
/// it names, and the same seed gives the same calls the same faults.
/// </summary>
public sealed class TelephonyFaultTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private Task<TestTenant> LoadWithFaultsAsync(params FaultRule[] faults) =>
        LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.AutoAnswer("4002"), Define.AutoAnswer("4003")]) with
        {
            Settings = new TenantSettings
            {
                Trunk = "upc",
                OutsideWorld = [new ExternalRule { Pattern = "_0800X.", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(2) }],
                Faults = [.. faults.Select((f, i) => f with { Id = $"s{i + 1}" })],
            },
        });

    private async Task<CallSnapshot> DialAsync(TestTenant t, string to, int? ringTimeout = null) =>
        TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = to, RingTimeoutSeconds = ringTimeout }), $"dial {to}");

    private DateTimeOffset InSeconds(double seconds) => Time.GetUtcNow().AddSeconds(seconds);

    [Fact]
    public async Task A_trunk_that_is_down_in_its_window_refuses_outside_numbers_with_congestion_and_only_then()
    {
        var t = await LoadWithFaultsAsync(new FaultRule { Kind = FaultKind.TrunkDown, From = InSeconds(60), Until = InSeconds(120) });

        var before = await DialAsync(t, "0800111");
        Advance(2);
        await t.CallUntilAsync(before.CallId, c => c.Phase == CallPhase.Connected, "answered before the trunk went down");
        TestTenant.Ok(await Pbx.Call(t.Id, before.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");

        Advance(60);
        var during = await DialAsync(t, "0800111");
        Advance(0.001);
        var refused = await t.CdrAsync(during.CallId);
        Assert.Equal((CdrDisposition.Congestion, HangupCause.Congestion, 0), (refused.Disposition, refused.HangupCause, refused.BillSec));
        await t.IsGoneAsync(during.CallId, "4001");

        Advance(60);
        var after = await DialAsync(t, "0800111");
        Advance(2);
        await t.CallUntilAsync(after.CallId, c => c.Phase == CallPhase.Connected, "answered once the trunk is back");
        TestTenant.Ok(await Pbx.Call(t.Id, after.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
    }

    [Fact]
    public async Task A_lossy_trunk_fails_its_share_of_outside_calls_with_its_cause_and_the_same_seed_fails_the_same_calls()
    {
        var lossy = new FaultRule { Kind = FaultKind.TrunkLossy, Probability = 0.5, Numbers = "_0800X." };
        var (one, two) = (await LoadWithFaultsAsync(lossy), await LoadWithFaultsAsync(lossy));

        var outcomes = new List<(HangupCause, HangupCause)>();
        for (var i = 0; i < 24; i++)
        {
            // Both tenants dial at the same instant with the same sequence: their calls have the same ids, so the same draws.
            var (a, b) = (await DialAsync(one, "0800111"), await DialAsync(two, "0800111"));
            Assert.Equal(a.CallId, b.CallId);
            Advance(2);
            outcomes.Add((await EndAsync(one, a.CallId), await EndAsync(two, b.CallId)));
        }

        Assert.All(outcomes, o => Assert.Equal(o.Item1, o.Item2));
        var failed = outcomes.Count(o => o.Item1 == HangupCause.NetworkOutOfOrder);
        Assert.InRange(failed, 4, 20);
        Assert.Equal(24 - failed, outcomes.Count(o => o.Item1 == HangupCause.NormalClearing));
    }

    /// <summary>Hangs up a call that connected; the cause its CDR gives.</summary>
    private async Task<HangupCause> EndAsync(TestTenant t, string callId)
    {
        if (await t.CallAsync(callId) is { Phase: CallPhase.Connected })
        {
            TestTenant.Ok(await Pbx.Call(t.Id, callId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
        }

        return (await t.CdrAsync(callId)).HangupCause;
    }

    [Fact]
    public async Task A_phone_that_stopped_answering_rings_until_the_ring_timer_while_other_phones_answer()
    {
        var t = await LoadWithFaultsAsync(new FaultRule { Kind = FaultKind.PhoneNoAnswer, Numbers = "4002" });

        var silent = await DialAsync(t, "4002", ringTimeout: 10);
        var answering = await DialAsync(t, "4003", ringTimeout: 10);
        Advance(1);
        await t.CallUntilAsync(answering.CallId, c => c.Phase == CallPhase.Connected, "4003 answers as it always does");
        Assert.Equal(CallPhase.Dialing, (await t.CallAsync(silent.CallId))!.Phase);

        Advance(9);
        var cdr = await t.CdrAsync(silent.CallId);
        Assert.Equal((CdrDisposition.NoAnswer, HangupCause.NoAnswer, 10), (cdr.Disposition, cdr.HangupCause, cdr.Duration));
        TestTenant.Ok(await Pbx.Call(t.Id, answering.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
    }

    [Fact]
    public async Task An_answered_call_drops_mid_talk_after_the_rules_delay_with_its_cause()
    {
        var t = await LoadWithFaultsAsync(new FaultRule
        {
            Kind = FaultKind.CallDrop,
            Numbers = "4002",
            Delay = Distribution.Constant(20),
            Cause = HangupCause.DestinationOutOfOrder,
        });

        var call = await DialAsync(t, "4002");
        Advance(1);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "answered");
        Advance(19);
        Assert.Equal(CallPhase.Connected, (await t.CallAsync(call.CallId))!.Phase);
        Advance(1);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, HangupCause.DestinationOutOfOrder, 20), (cdr.Disposition, cdr.HangupCause, cdr.BillSec));
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }

    [Fact]
    public async Task A_paused_rule_and_a_rule_for_other_numbers_touch_nothing()
    {
        var t = await LoadWithFaultsAsync(
            new FaultRule { Kind = FaultKind.TrunkDown, Paused = true },
            new FaultRule { Kind = FaultKind.TrunkDown, Numbers = "_09X." });

        var call = await DialAsync(t, "0800111");
        Advance(2);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "answered: no rule holds for it");
        TestTenant.Ok(await Pbx.Call(t.Id, call.CallId).HangupAsync(null, HangupCause.NormalClearing), "hang up");
    }

    [Fact]
    public async Task The_magic_fault_numbers_fail_on_the_trunk_and_drop_mid_talk_in_any_tenant()
    {
        var t = await LoadWithFaultsAsync();

        var refused = await DialAsync(t, "5550107");
        var dropping = await DialAsync(t, "+15550108");
        Advance(1);
        var failed = await t.CdrAsync(refused.CallId);
        Assert.Equal((CdrDisposition.Failed, HangupCause.NetworkOutOfOrder), (failed.Disposition, failed.HangupCause));
        await t.CallUntilAsync(dropping.CallId, c => c.Phase == CallPhase.Connected, "5550108 answers");

        Advance(10);
        var dropped = await t.CdrAsync(dropping.CallId);
        Assert.Equal((CdrDisposition.Answered, HangupCause.NetworkOutOfOrder, 10), (dropped.Disposition, dropped.HangupCause, dropped.BillSec));
    }
}
