using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Generators come and go with their tenant's definition, the clock standing still (running: <see cref="SteppedTrafficLifecycleTests"/>).</summary>
public sealed class TrafficLifecycleTests(ClusterFixture fixture) : TrafficTest(fixture)
{
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
}
