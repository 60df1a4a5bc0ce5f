using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Infrastructure.Define;

namespace PbxGrains.Tests.Cluster.Tenancy;

public sealed class TenantDefinitionTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "queue member", "queues[0].members[0].extension" },
        { "duplicate number", "extensions[1].number" },
        { "registration port", "registrations.4001.port" },
        { "agent login", "agents.ghost.loggedInAt" },
        { "ring timer", "extensions[0].ringTimer" },
    };

    private static TenantDefinition Break(TenantDefinition valid, string how) => how switch
    {
        "queue member" => valid with { Queues = [Queue("sales", "600", QueueStrategy.RingAll, Member("4999"))] },
        "duplicate number" => valid with { Extensions = valid.Extensions.Add(Phone("4001")) },
        "registration port" => valid with { Registrations = valid.Registrations.SetItem("4001", RegistrationOf("4001") with { Port = 0 }) },
        "agent login" => valid with { AgentLogins = ImmutableDictionary<string, string>.Empty.Add("ghost", "4001") },
        "ring timer" => valid with { Extensions = [Phone("4001") with { RingTimerSeconds = 0 }] },
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_definition_is_refused_naming_the_field_and_leaves_nothing_behind(string how, string field)
    {
        var id = NewTenantId();
        var definition = Break(Tenant(id, [Phone("4001")]), how);

        var refused = await Pbx.Tenant(id).LoadAsync(definition, replace: false);

        Assert.Equal(DomainError.InvalidArgument, refused.Error);
        Assert.StartsWith(field, refused.Detail, StringComparison.Ordinal);
        Assert.Null(await Pbx.Tenant(id).GetAsync());
        Assert.False((await Pbx.Extension(id, "4001").GetAsync()).Exists);
        Assert.False((await Pbx.Queue(id, "sales").GetSnapshotAsync()).Exists);
    }

    [Fact]
    public async Task The_catalogue_a_reader_gets_follows_every_change_and_existence_is_answered_without_it()
    {
        var id = NewTenantId();
        Assert.False(await Pbx.Tenant(id).ExistsAsync());
        var t = await LoadAsync(Tenant(id, [Phone("4001")]));
        Assert.True(await Pbx.Tenant(t.Id).ExistsAsync());

        // The view is kept between changes and built again after each one.
        var first = await Pbx.Tenant(t.Id).GetAsync();
        Assert.Equal(first!.Version, (await Pbx.Tenant(t.Id).GetAsync())!.Version);
        TestTenant.Ok(await Pbx.Tenant(t.Id).AddExtensionAsync(Phone("4002")), "add an extension");
        var added = await Pbx.Tenant(t.Id).GetAsync();
        Assert.Equal(["4001", "4002"], added!.Extensions);
        Assert.True(added.Version > first.Version);

        Assert.Equal(DomainError.NumberInUse, (await Pbx.Tenant(t.Id).AddExtensionAsync(Phone("4002"))).Error);
        Assert.Equal(added.Version, (await Pbx.Tenant(t.Id).GetAsync())!.Version);

        TestTenant.Ok(await Pbx.Tenant(t.Id).RemoveExtensionAsync("4001"), "remove an extension");
        Assert.Equal(["4002"], (await Pbx.Tenant(t.Id).GetAsync())!.Extensions);
        TestTenant.Ok(await Pbx.Tenant(t.Id).UpdateSettingsAsync(first.Settings with { Trunk = "upc" }), "change the settings");
        Assert.Equal("upc", (await Pbx.Tenant(t.Id).GetAsync())!.Settings.Trunk);

        TestTenant.Ok(await Pbx.DeleteTenantAsync(t.Id), "delete the tenant");
        Assert.Null(await Pbx.Tenant(t.Id).GetAsync());
        Assert.False(await Pbx.Tenant(t.Id).ExistsAsync());
    }

    [Fact]
    public async Task A_loaded_tenant_lists_what_it_defines_and_refuses_to_load_twice()
    {
        var t = await LoadAsync(id => Tenant(id, [Phone("4001"), Phone("4002")]) with
        {
            Queues = [Queue("sales", "600", QueueStrategy.RingAll, Member("4001"))],
        });

        var view = await Pbx.Tenant(t.Id).GetAsync();
        Assert.Equal(["4001", "4002"], view!.Extensions);
        Assert.Equal(["sales"], view.Queues);
        Assert.Equal(new Destination(DestinationKind.Queue, "sales", "600"), await Pbx.Tenant(t.Id).ResolveAsync("600"));
        Assert.True((await t.ExtensionAsync("4001")).Registered);

        var again = await Pbx.Tenant(t.Id).LoadAsync(Tenant(t.Id, [Phone("4001")]), replace: false);
        Assert.Equal(DomainError.TenantAlreadyExists, again.Error);
        Assert.True((await t.ExtensionAsync("4002")).Exists);
    }

    [Fact]
    public async Task Reloading_a_tenant_keeps_its_agents_logged_in_where_the_definition_puts_them()
    {
        var definition = Tenant(NewTenantId(), [Phone("4001"), Phone("4002")]) with
        {
            Queues = [Queue("sales", "600", QueueStrategy.RingAll)],
            Agents = [new AgentConfig { Id = "a1", Queues = [new AgentQueueMembership("sales", 2)] }],
            AgentLogins = ImmutableDictionary<string, string>.Empty.Add("a1", "4001"),
        };
        var t = await LoadAsync(definition);

        var same = await Pbx.Tenant(t.Id).LoadAsync(definition, replace: true);
        Assert.True(same.IsOk, same.ToString());
        Assert.Equal("4001", (await Pbx.Agent(t.Id, "a1").GetAsync())!.Extension);

        var moved = await Pbx.Tenant(t.Id).LoadAsync(definition with { AgentLogins = definition.AgentLogins.SetItem("a1", "4002") }, replace: true);
        Assert.True(moved.IsOk, moved.ToString());
        Assert.Equal("4002", (await Pbx.Agent(t.Id, "a1").GetAsync())!.Extension);
        var member = Assert.Single((await Pbx.Queue(t.Id, "sales").GetSnapshotAsync()).Members);
        Assert.Equal(("4002", 2), (member.Extension, member.Penalty));
    }
}
