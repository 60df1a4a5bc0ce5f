using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
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

    [Fact]
    public async Task A_generator_probed_while_its_configuration_is_on_its_way_keeps_the_configuration()
    {
        // The tenant tells a generator its configuration one way; an incident, the resumer or the API may ask the same
        // name just before it arrives. Such a probe must not send the activation away with the configuration in its
        // queue (it did: 3 to 9 in 300 were lost for good). One after another, as the loss showed only that way.
        var tenant = NewTenantId();
        var generators = new List<ITrafficGrain>();
        for (var i = 0; i < 200; i++)
        {
            var generator = Fixture.Cluster.Client.GetGrain<ITrafficGrain>(TenantKey.Of(tenant, $"g{i}"));
            generators.Add(generator);
            var probe = generator.GetAsync();
            var rate = generator.SetRateAsync(120);
            await generator.ApplyAsync(Inbound($"g{i}", callsPerHour: 60) with { Enabled = false });
            await Task.WhenAll(probe, rate);
            await Wait.Until(generator.GetAsync, v => v.Exists, $"generator g{i}'s configuration");
        }

        await Task.WhenAll(generators.Select(g => g.RemoveAsync()));
    }
}
