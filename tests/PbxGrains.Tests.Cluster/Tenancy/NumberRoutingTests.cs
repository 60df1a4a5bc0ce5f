using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Infrastructure.Define;

namespace PbxGrains.Tests.Cluster.Tenancy;

/// <summary>
/// Number routing, feature flags and hot desks are a grain of their own; the tenant resolves numbers with its latest
/// routing, so a change made through PbxClient is followed by the next call.
/// </summary>
public sealed class NumberRoutingTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static TenantDefinition Routed(string id) => Tenant(id, [Phone("4001"), Phone("4002")]) with
    {
        NumberRouting = new NumberRouting
        {
            Routes = [new CallRoute { Id = 1, Destination = "4001", FlagId = 10, FlagDestination = "4002" }],
            Numbers = [new NumberRoute { Id = 5, Number = "3225550005", RouteId = 1 }],
            Flags = [new FeatureFlag { Id = 10, Name = "Night" }],
            HotDesks = [new HotDesk { Id = 100, Device = "SEPA", Number = "8100" }, new HotDesk { Id = 200, Device = "SEPB", Number = "8200" }],
        },
    };

    [Fact]
    public async Task A_flag_switched_through_the_client_is_followed_by_the_next_call()
    {
        var t = await LoadAsync(Routed);
        Assert.Equal(new Destination(DestinationKind.Extension, "4001", "3225550005"), await Pbx.Tenant(t.Id).ResolveAsync("3225550005"));
        var before = (await Pbx.GetNumberRoutingAsync(t.Id))!.Version;

        var switched = await Pbx.SetFeatureFlagAsync(t.Id, 10, true);

        Assert.True(switched.IsOk, switched.ToString());
        Assert.True(switched.Value!.Version > before);
        Assert.Equal(new Destination(DestinationKind.Extension, "4002", "3225550005"), await Pbx.Tenant(t.Id).ResolveAsync("3225550005"));
        var stored = await Pbx.GetNumberRoutingAsync(t.Id);
        Assert.Equal((switched.Value.Version, true), (stored!.Version, stored.Flags.Single().Active));
    }

    [Fact]
    public async Task A_user_logged_in_at_a_desk_is_reached_there_and_at_one_desk_only()
    {
        var t = await LoadAsync(Routed);

        Assert.True((await Pbx.UpdateHotDeskAsync(t.Id, 100, new HotDeskChange { Extension = "4001" })).IsOk);
        Assert.Equal(DestinationKind.Extension, (await Pbx.Tenant(t.Id).ResolveAsync("8100")).Kind);
        Assert.Equal("4001", await Pbx.Tenant(t.Id).FindExtensionAsync(ExtensionLookup.Device, "SEPA"));

        Assert.True((await Pbx.UpdateHotDeskAsync(t.Id, 200, new HotDeskChange { Extension = "4001" })).IsOk);
        Assert.NotEqual(DestinationKind.Extension, (await Pbx.Tenant(t.Id).ResolveAsync("8100")).Kind);
        Assert.Equal("4001", await Pbx.Tenant(t.Id).FindExtensionAsync(ExtensionLookup.Device, "SEPB"));

        Assert.Equal(DomainError.ExtensionNotFound, (await Pbx.UpdateHotDeskAsync(t.Id, 100, new HotDeskChange { Extension = "4999" })).Error);
        Assert.Equal(DomainError.RoutingItemNotFound, (await Pbx.UpdateHotDeskAsync(t.Id, 300, new HotDeskChange { Extension = "4999" })).Error);
    }

    [Fact]
    public async Task The_routing_goes_with_its_tenant_and_a_new_tenant_of_the_id_starts_without_it()
    {
        var t = await LoadAsync(Routed);
        Assert.True((await Pbx.SetFeatureFlagAsync(t.Id, 10, true)).IsOk);

        TestTenant.Ok(await Pbx.DeleteTenantAsync(t.Id), "delete the tenant");
        Assert.Null(await Pbx.GetNumberRoutingAsync(t.Id));
        Assert.Equal(DomainError.RoutingItemNotFound, (await Pbx.SetFeatureFlagAsync(t.Id, 10, false)).Error);

        await LoadAsync(Tenant(t.Id, [Phone("4001")]));
        var fresh = await Pbx.GetNumberRoutingAsync(t.Id);
        Assert.True(fresh!.Numbers.IsEmpty && fresh.Flags.IsEmpty && fresh.HotDesks.IsEmpty);
        Assert.Equal(DestinationKind.External, (await Pbx.Tenant(t.Id).ResolveAsync("3225550005")).Kind);
    }

    [Fact]
    public async Task A_definition_whose_routing_breaks_a_rule_is_refused_and_leaves_no_routing()
    {
        var id = NewTenantId();
        var broken = Routed(id) with { NumberRouting = Routed(id).NumberRouting with { Numbers = [new NumberRoute { Id = 5, Number = "4001", RouteId = 9 }] } };

        var refused = await Pbx.Tenant(id).LoadAsync(broken, replace: false);

        Assert.Equal(DomainError.InvalidArgument, refused.Error);
        Assert.Equal("numberRouting.numbers[0].number: '4001' is an extension's number; numberRouting.numbers[0].route: route 9 is not defined in numberRouting.routes", refused.Detail);
        Assert.Null(await Pbx.GetNumberRoutingAsync(id));
    }

    [Fact]
    public async Task The_entity_grains_hold_the_rule_sets_limits_too()
    {
        var t = await LoadAsync(Phone("4001"));

        var queue = await Pbx.Tenant(t.Id).UpsertQueueAsync(Queue("big", "600", QueueStrategy.RingAll, Member("4001", penalty: 1001)) with { MaxCallers = 100_001 });
        var agent = await Pbx.Tenant(t.Id).UpsertAgentAsync(new AgentConfig { Id = "agent-1" });

        Assert.Equal(PbxResult.Fail(DomainError.InvalidArgument, "maxCallers: must be between 0 and 100000; members[0].penalty: must be between 0 and 1000"), queue);
        Assert.Equal(PbxResult.Fail(DomainError.InvalidArgument, "id: must be 1 to 40 characters without '/', '-', ',' or spaces"), agent);
    }
}
