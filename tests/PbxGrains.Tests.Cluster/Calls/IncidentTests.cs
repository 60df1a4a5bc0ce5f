using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>
/// Incidents act on the whole tenant at their <c>from</c> on the call model's clock and are undone at their
/// <c>until</c>: phones unregister and register again, a queue's members go unavailable, generators storm, the PBX
/// restarts and every live call ends.
/// </summary>
public sealed class IncidentTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private DateTimeOffset InSeconds(double seconds) => Time.GetUtcNow().AddSeconds(seconds);

    private Task<TestTenant> LoadAsync(params FaultRule[] faults) =>
        LoadAsync(id => Define.Tenant(id, [Define.Phone("4001"), Define.AutoAnswer("4002"), Define.AutoAnswer("4003"), Define.AutoAnswer("4004")]) with
        {
            Queues = [Define.Queue("sales", "700", QueueStrategy.RingAll, Define.Member("4003"), Define.Member("4004"))],
            Traffic = [new TrafficConfig { Name = "inbound", Kind = TrafficKind.Inbound, Target = "700", CallsPerHour = 60, Enabled = false }],
            Settings = new TenantSettings { Faults = [.. faults.Select((f, i) => f with { Id = $"s{i + 1}", Version = i + 1 })] },
        });

    private static async Task<bool> RegisteredAsync(TestTenant t, string number) => (await t.ExtensionAsync(number)).Registered;

    [Fact]
    public async Task Phones_unregister_at_the_start_of_the_incident_and_register_again_at_its_end()
    {
        var t = await LoadAsync(new FaultRule { Kind = FaultKind.PhonesUnregister, Numbers = "_400[12]", From = InSeconds(60), Until = InSeconds(120) });
        Assert.True(await RegisteredAsync(t, "4002"));

        Advance(60);
        await Wait.Until(async () => !await RegisteredAsync(t, "4001") && !await RegisteredAsync(t, "4002"), "4001 and 4002 unregistered");
        Assert.True(await RegisteredAsync(t, "4003"));
        var refused = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4003", Destination = "4002" }), "dial 4002");
        Assert.Equal(HangupCause.SubscriberAbsent, (await t.CdrAsync(refused.CallId)).HangupCause);
        var applied = Assert.Single(await Fixture.Cluster.Client.GetGrain<IIncidentsGrain>(t.Id).AppliedAsync());
        Assert.Equal(["4001", "4002"], applied.Unregistered.Keys.Order(StringComparer.Ordinal));

        Advance(60);
        await Wait.Until(async () => await RegisteredAsync(t, "4001") && await RegisteredAsync(t, "4002"), "4001 and 4002 registered again");
        Assert.Empty(await Fixture.Cluster.Client.GetGrain<IIncidentsGrain>(t.Id).AppliedAsync());
    }

    [Fact]
    public async Task A_queues_members_go_unavailable_for_the_incident_and_come_back()
    {
        var t = await LoadAsync(new FaultRule { Kind = FaultKind.MembersUnavailable, Numbers = "700", Until = InSeconds(30) });

        await Wait.Until(async () => !await RegisteredAsync(t, "4003") && !await RegisteredAsync(t, "4004"), "the members of 700 unregistered");
        Assert.True(await RegisteredAsync(t, "4002"));

        Advance(30);
        await Wait.Until(async () => await RegisteredAsync(t, "4003") && await RegisteredAsync(t, "4004"), "the members registered again");
    }

    [Fact]
    public async Task A_storm_multiplies_the_generators_rate_for_a_while()
    {
        var t = await LoadAsync(new FaultRule { Kind = FaultKind.CallStorm, Factor = 5, From = InSeconds(10), Until = InSeconds(20) });
        var generator = Fixture.Cluster.Client.GetGrain<ITrafficGrain>($"{t.Id}/inbound");
        async Task<double> RateAsync() => (await generator.GetAsync()).Config.CallsPerHour;

        Advance(10);
        await Wait.Until(RateAsync, r => r == 300, "the storm's rate");
        Advance(10);
        await Wait.Until(RateAsync, r => r == 60, "the generator's own rate again");
    }

    [Fact]
    public async Task A_pbx_restart_ends_every_live_call_with_cause_38_once()
    {
        var t = await LoadAsync();
        var (first, _, _) = await t.ConnectAsync("4001", "4002");
        var queued = await t.InboundAsync("700");
        await t.CallUntilAsync(queued.CallId, c => c.Legs.Any(l => l.State == ChannelState.Ringing && l.Endpoint != ""), "a member rings");
        Advance(1);
        await t.CallUntilAsync(queued.CallId, c => c.Phase == CallPhase.Connected, "a member answers");

        var added = await Pbx.Tenant(t.Id).AddFaultAsync(new FaultRule { Kind = FaultKind.PbxRestart, Until = InSeconds(60) });
        Assert.True(added.IsOk, added.ToString());

        Assert.Equal(HangupCause.NetworkOutOfOrder, (await t.CdrAsync(first)).HangupCause);
        Assert.Equal(HangupCause.NetworkOutOfOrder, (await t.CdrAsync(queued.CallId)).HangupCause);
        await t.CallsUntilAsync(calls => calls.IsEmpty, "no live call");
        var applied = Assert.Single(await Fixture.Cluster.Client.GetGrain<IIncidentsGrain>(t.Id).AppliedAsync());
        Assert.Equal((FaultKind.PbxRestart, 2), (applied.Kind, applied.CallsEnded));

        // A call placed during the restart's window is not ended again: the restart happened once.
        var (later, _, _) = await t.ConnectAsync("4001", "4002");
        Advance(30);
        Assert.Equal(CallPhase.Connected, (await t.CallAsync(later))!.Phase);
    }
}
