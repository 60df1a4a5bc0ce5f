using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Outbound generators skipping sources that are not free; the clock stands still (calls that run: <see cref="SteppedExtensionTrafficTests"/>).</summary>
public sealed class ExtensionTrafficTests(ClusterFixture fixture) : TrafficTest(fixture)
{
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
}
