using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Recovery;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Tenancy;

/// <summary>
/// Nothing a request merely names stays in memory: made-up queues, channels, extensions, lots, generators and tenants
/// are collected with the idle activations, while configured ones stay; a deleted tenant leaves no activation behind.
/// Idle collection is forced through the management grain (age zero), so nothing waits for the collection age.
/// </summary>
public sealed class GrainLifetimeTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const int MadeUpNames = 50;

    [Fact]
    public async Task Grains_that_made_up_names_activate_are_collected_and_the_activation_count_returns_to_where_it_was()
    {
        var tenant = await LoadAsync(id => Define.Tenant(id, [Define.Phone("1000"), Define.Phone("1001")]) with
        {
            Queues = [Define.Queue("sales", "800", QueueStrategy.RingAll, Define.Member("1001"))],
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 701, SlotCount = 3 }],
        });
        var madeUpTenants = Enumerable.Range(0, MadeUpNames).Select(_ => NewTenantId()).ToArray();

        await CollectIdleAsync();
        var before = await ActivationsOfAsync(tenant.Id);
        var kept = await GrainsOfAsync(tenant.Id);
        Assert.True(before >= 4, $"the configured extensions, queue and lot stay after a collection; {before} activations");

        for (var i = 0; i < MadeUpNames; i++)
        {
            Assert.False((await Pbx.Queue(tenant.Id, $"nosuchqueue{i}").GetSnapshotAsync()).Exists);
            Assert.Null(await Pbx.FindChannelAsync(tenant.Id, $"SIP/nosuch-{i:x8}"));
            Assert.False((await Pbx.Extension(tenant.Id, $"9{i}").GetAsync()).Exists);
            Assert.Empty((await Pbx.ParkingLot(tenant.Id, $"lot{i}").GetAsync()).Parked);
            Assert.Empty(await Pbx.ListCallsAsync(madeUpTenants[i]));
            Assert.Null(await Pbx.Tenant(madeUpTenants[i]).GetAsync());
        }

        // The test could fail: the made-up names did activate grains.
        Assert.True(await ActivationsOfAsync(tenant.Id) > before, "made-up names of a real tenant activate grains");
        Assert.True(await ActivationsOfAsync(madeUpTenants) > 0, "a listing of a made-up tenant activates its shards");

        // The probe names what is left over, so a failure says which grain stayed.
        await Wait.Until(async () =>
        {
            await CollectIdleAsync();
            return (await GrainsOfAsync(tenant.Id)).Except(kept).Concat(await GrainsOfAsync(madeUpTenants)).ToList();
        }, left => left.Count == 0, "the activation count to return to where it was");
        Assert.Equal(before, await ActivationsOfAsync(tenant.Id));

        // What is real survived the collections.
        Assert.True((await tenant.QueueAsync("sales")).Exists);
        Assert.Equal(DeviceState.NotInUse, (await tenant.ExtensionAsync("1000")).DeviceState);
        Assert.Equal(3, (await Pbx.ParkingLot(tenant.Id, "default").GetAsync()).Config.SlotCount);
    }

    [Fact]
    public async Task A_deleted_tenant_leaves_no_activation_and_a_new_tenant_of_the_same_id_starts_empty()
    {
        var tenant = await LoadAsync(id => Define.Tenant(id, [Define.Phone("1000"), Define.Phone("1001")]) with
        {
            Queues = [Define.Queue("sales", "800", QueueStrategy.RingAll, Define.Member("1001"))],
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 701, SlotCount = 3 }],
        });
        var listenersBefore = SiloLossListeners(tenant.Id);
        await tenant.ConnectAsync("1000", "1001");
        Assert.True(await ActivationsOfAsync(tenant.Id) > 0);
        Assert.True(SiloLossListeners(tenant.Id) > listenersBefore, "the call's holders enlist for silo-loss recovery");

        TestTenant.Ok(await Pbx.DeleteTenantAsync(tenant.Id), "delete the tenant");
        await tenant.CallsUntilAsync(c => c.IsEmpty, "the deleted tenant's call to end");
        await Wait.Until(async () =>
        {
            await CollectIdleAsync();
            return await ActivationsOfAsync(tenant.Id) == 0;
        }, "the deleted tenant's activations to go");

        // Each silo's list of recovery listeners forgets activations as they deactivate.
        Assert.True(SiloLossListeners(tenant.Id) <= listenersBefore, $"{SiloLossListeners(tenant.Id)} listeners are left; there were {listenersBefore}");

        var again = await LoadAsync(Define.Tenant(tenant.Id, []));
        var view = await Pbx.Tenant(again.Id).GetAsync();
        Assert.NotNull(view);
        Assert.Empty(view.Extensions);
        Assert.Empty(view.Queues);
        Assert.Empty(view.ParkingLots);
        Assert.False((await again.ExtensionAsync("1000")).Exists);
        Assert.False((await again.QueueAsync("sales")).Exists);
        Assert.Equal(0, (await Pbx.ParkingLot(again.Id, "default").GetAsync()).Config.SlotCount);
        Assert.Empty(await again.CallsAsync());
    }

    /// <summary>
    /// The recovery listeners, on every silo, that belong to this tenant: the cluster is shared, so other tests'
    /// listeners come and go meanwhile and a silo-wide count would race with them.
    /// </summary>
    private int SiloLossListeners(string tenant) => Fixture.Cluster.Silos.Sum(s =>
        s.ServiceProvider.GetRequiredService<SiloLossRegistry>().Listeners.Count(id => BelongsTo(id.Key.ToString(), tenant)));

    private static bool BelongsTo(string? key, string tenant) =>
        key is not null && (key == tenant || key.StartsWith(tenant + "/", StringComparison.Ordinal));

    private Task CollectIdleAsync() =>
        Fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>The grains with an activation, on any silo, that belong to these tenants.</summary>
    private async Task<List<string>> GrainsOfAsync(params string[] tenants)
    {
        var statistics = await Fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Where(s => tenants.Any(t => BelongsTo(s.GrainId.Key.ToString(), t))).Select(s => s.GrainId.ToString())];
    }

    /// <summary>How many activations, on every silo, belong to these tenants (their own grain or a <c>{tenant}/…</c> key).</summary>
    private async Task<int> ActivationsOfAsync(params string[] tenants)
    {
        var statistics = await Fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Count(s => tenants.Any(t => BelongsTo(s.GrainId.Key.ToString(), t)));
    }
}
