using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Outbound and internal generators: extensions of the tenant place the calls.</summary>
public sealed class ExtensionTrafficTests(ClusterFixture fixture) : TrafficTest(fixture)
{
    /// <summary>The tenant's own rule says every outside number answers after a second.</summary>
    private static readonly TenantSettings AnsweringWorld = new()
    {
        OutsideWorld = [new ExternalRule { Pattern = "_X.", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(1) }],
    };

    private static TenantDefinition Office(string id, TrafficConfig traffic) =>
        Define.Tenant(id, [Define.Phone("4001"), Define.Phone("4002"), Define.Phone("4003")]) with { Settings = AnsweringWorld, Traffic = [traffic] };

    private static TrafficConfig Outbound(params string[] sources) => new()
    {
        Name = "out",
        Kind = TrafficKind.Outbound,
        Sources = [.. sources],
        Destinations = ["5550102"],
        InitialCalls = 1,
        Enabled = false,
    };

    [Fact]
    public async Task An_outbound_generator_dials_from_a_free_source_and_a_magic_busy_number_beats_the_tenants_rule()
    {
        var (t, generator) = await LoadWithAsync(Office(NewTenantId(), Outbound("4001", "4002")), "out");
        var busy = await t.ConnectAsync("4001", "4003");
        await t.DeviceStateAsync("4001", DeviceState.InUse);

        TestTenant.Ok(await generator.StartAsync(), "start");
        var view = await Wait.Until(generator.GetAsync, v => v.Placed + v.Skipped == 1, "the initial call");
        Assert.Equal((1, 0), (view.Placed, view.Skipped));
        var calls = await Wait.Until(t.CallsAsync, all => all.Length == 2, "the generator's call to be listed");
        var call = Assert.Single(calls, c => c.CallId != busy.CallId);
        Assert.Equal(("4002", "5550102"), (call.Source, call.Destination));

        Advance(1);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Busy, HangupCause.UserBusy, "4002", "5550102"), (cdr.Disposition, cdr.HangupCause, cdr.Source, cdr.Destination));
        await t.IsGoneAsync(call.CallId, "4002");
        Assert.Equal(CallPhase.Connected, (await t.CallAsync(busy.CallId))!.Phase);
    }

    [Fact]
    public async Task An_outbound_arrival_with_no_free_source_is_skipped()
    {
        var (t, generator) = await LoadWithAsync(Office(NewTenantId(), Outbound("4001") with { InitialCalls = 2 }), "out");
        var busy = await t.ConnectAsync("4001", "4003");
        await t.DeviceStateAsync("4001", DeviceState.InUse);

        TestTenant.Ok(await generator.StartAsync(), "start");

        var view = await Wait.Until(generator.GetAsync, v => v.Placed + v.Skipped == 2, "both initial arrivals");
        Assert.Equal((0, 2), (view.Placed, view.Skipped));
        var calls = await Wait.Until(t.CallsAsync, all => all.Any(c => c.CallId == busy.CallId), "the busy call to be listed");
        Assert.Equal(busy.CallId, Assert.Single(calls).CallId);
    }

    [Fact]
    public async Task An_unregistered_source_is_not_free()
    {
        var definition = Define.Tenant(NewTenantId(), [Define.Phone("4001"), Define.Phone("4002")], unregistered: "4002") with
        {
            Settings = AnsweringWorld,
            Traffic = [Outbound("4002") with { Enabled = true }],
        };
        var (_, generator) = await LoadWithAsync(definition, "out");

        var view = await Wait.Until(generator.GetAsync, v => v.Placed + v.Skipped == 1, "the initial arrival");

        Assert.Equal((0, 1), (view.Placed, view.Skipped));
    }

    [Fact]
    public async Task Internal_traffic_calls_from_one_source_to_another()
    {
        var traffic = new TrafficConfig
        {
            Name = "office",
            Kind = TrafficKind.Internal,
            Sources = ["4001", "4002"],
            InitialCalls = 1,
            TalkTime = Distribution.Constant(5),
        };
        var definition = Define.Tenant(NewTenantId(), [Define.AutoAnswer("4001"), Define.AutoAnswer("4002")]) with { Traffic = [traffic] };
        var (t, generator) = await LoadWithAsync(definition, "office");
        await Wait.Until(generator.GetAsync, v => v.Placed == 1, "the initial call");
        var call = Assert.Single(await Wait.Until(t.CallsAsync, all => all.Length == 1, "the generator's call to be listed"));
        Assert.Contains(call.Source, new[] { "4001", "4002" });
        var callee = call.Source == "4001" ? "4002" : "4001";
        Assert.Equal(callee, call.Destination);

        await t.ChannelAsync(callee, ChannelState.Ringing);
        Advance(1);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "answered by the other source");
        Advance(5);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 5, call.Source, callee), (cdr.Disposition, cdr.BillSec, cdr.Source, cdr.Destination));
        await t.IsGoneAsync(call.CallId, "4001", "4002");
    }
}
