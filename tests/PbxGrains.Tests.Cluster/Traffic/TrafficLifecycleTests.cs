using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Generators come and go with their tenant's definition.</summary>
public sealed class TrafficLifecycleTests(ClusterFixture fixture) : TrafficTest(fixture)
{
    [Fact]
    public async Task Replacing_the_tenant_without_a_generator_stops_and_removes_it()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600));
        var (t, generator) = await LoadWithAsync(definition, "calls");
        Advance(10);
        await generator.CaughtUpAsync(Time.GetUtcNow());

        var replaced = await Pbx.Tenant(t.Id).LoadAsync(definition with { Traffic = [] }, replace: true);

        TestTenant.Ok(replaced, "replace the tenant");
        Assert.Empty(replaced.Value!.Traffic);
        await Wait.Until(generator.GetAsync, v => !v.Exists, "the generator to be removed");
        var offered = (await t.QueueAsync(Queue)).Statistics.Offered;
        Advance(600);
        Assert.Equal(offered, (await t.QueueAsync(Queue)).Statistics.Offered);
        Assert.False((await generator.GetAsync()).Exists);
    }

    [Fact]
    public async Task Replacing_the_tenant_gives_a_generator_of_the_same_name_its_new_configuration()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600));
        var (t, generator) = await LoadWithAsync(definition, "calls");
        Advance(10);
        Assert.True((await generator.CaughtUpAsync(Time.GetUtcNow())).Placed > 0);
        var next = definition with { Traffic = [Inbound("calls", callsPerHour: 120) with { Enabled = false }] };
        Track(next);

        TestTenant.Ok(await Pbx.Tenant(t.Id).LoadAsync(next, replace: true), "replace the tenant");

        var view = await Wait.Until(generator.GetAsync, v => v.Exists && v.Config.CallsPerHour == 120, "the new configuration");
        Assert.Equal((false, 0L, (DateTimeOffset?)null), (view.Running, view.Placed, view.NextArrival));
        Assert.Equal(Define.Tenant(t.Id, []).Settings.Trunk, view.Config.Trunk);
    }

    [Fact]
    public async Task Deleting_the_tenant_removes_its_generators()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600), Inbound("more", callsPerHour: 60));
        var (t, generator) = await LoadWithAsync(definition, "calls");
        await Pbx.Traffic(t.Id, "more").AppliedAsync();

        TestTenant.Ok(await Pbx.Tenant(t.Id).DeleteAsync(), "delete the tenant");

        await Wait.Until(generator.GetAsync, v => !v.Exists, "the first generator to be removed");
        await Wait.Until(Pbx.Traffic(t.Id, "more").GetAsync, v => !v.Exists, "the second generator to be removed");
        Assert.Equal(DomainError.TrafficNotFound, (await generator.StartAsync()).Error);
    }

    [Fact]
    public async Task A_generator_whose_target_is_no_number_of_the_tenant_is_refused_by_its_field()
    {
        var definition = QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60) with { Target = "999" });

        var loaded = await Pbx.Tenant(definition.Id).LoadAsync(definition, replace: false);

        Assert.Equal(DomainError.InvalidArgument, loaded.Error);
        Assert.StartsWith("traffic[0].target: ", loaded.Detail);
        Assert.Null(await Pbx.Tenant(definition.Id).GetAsync());
        Assert.False((await Pbx.Traffic(definition.Id, "calls").GetAsync()).Exists);
    }

    [Fact]
    public async Task A_generator_loaded_disabled_waits_to_be_started()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600, initialCalls: 2) with { Enabled = false }), "calls");

        Advance(60);

        var view = await generator.GetAsync();
        Assert.Equal((false, 0L, (DateTimeOffset?)null), (view.Running, view.Placed, view.NextArrival));
    }
}
