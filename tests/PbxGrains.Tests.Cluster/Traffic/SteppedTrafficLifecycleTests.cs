using PbxGrains.Tests.Cluster.Infrastructure;
using PbxGrains.Tests.Cluster.Simulation;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>
/// Generators that come and go with their tenant's definition while the clock runs. The tenant hands configurations to
/// its generators one way, so only a settled run shows for certain that a removed or disabled one placed nothing.
/// </summary>
public sealed class SteppedTrafficLifecycleTests(SteppedClusterFixture fixture) : SteppedTrafficTest(fixture)
{
    [Fact]
    public async Task Replacing_the_tenant_without_a_generator_stops_and_removes_it()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600));
        var (t, generator) = await LoadWithAsync(definition, "calls");
        await RunForAsync(10);

        var replaced = await Pbx.Tenant(t).LoadAsync(definition with { Traffic = [] }, replace: true);

        TestTenant.Ok(replaced, "replace the tenant");
        Assert.Empty(replaced.Value!.Traffic);
        await RunDueAsync();
        Assert.False((await generator.GetAsync()).Exists);
        var offered = (await QueueAsync(t)).Statistics.Offered;
        await RunForAsync(600);
        Assert.Equal(offered, (await QueueAsync(t)).Statistics.Offered);
        Assert.False((await generator.GetAsync()).Exists);
    }

    [Fact]
    public async Task Replacing_the_tenant_gives_a_generator_of_the_same_name_its_new_configuration()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600));
        var (t, generator) = await LoadWithAsync(definition, "calls");
        await RunForAsync(10);
        Assert.True((await generator.GetAsync()).Placed > 0);
        var next = definition with { Traffic = [Inbound("calls", callsPerHour: 120) with { Enabled = false }] };

        TestTenant.Ok(await Pbx.Tenant(t).LoadAsync(next, replace: true), "replace the tenant");
        await RunDueAsync();

        var view = await generator.GetAsync();
        Assert.Equal((true, 120.0), (view.Exists, view.Config.CallsPerHour));
        Assert.Equal((false, 0L, (DateTimeOffset?)null), (view.Running, view.Placed, view.NextArrival));
        Assert.Equal(Define.Tenant(t, []).Settings.Trunk, view.Config.Trunk);
        var offered = (await QueueAsync(t)).Statistics.Offered;
        await RunForAsync(60);
        Assert.Equal(offered, (await QueueAsync(t)).Statistics.Offered);
    }

    [Fact]
    public async Task A_generator_loaded_disabled_waits_to_be_started()
    {
        var disabled = Inbound("calls", callsPerHour: 3600, initialCalls: 2) with { Enabled = false };
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), disabled), "calls");

        await RunForAsync(60);

        var view = await generator.GetAsync();
        Assert.Equal((false, 0L, (DateTimeOffset?)null), (view.Running, view.Placed, view.NextArrival));
        Assert.Equal(0, (await QueueAsync(t)).Statistics.Offered);
    }
}
