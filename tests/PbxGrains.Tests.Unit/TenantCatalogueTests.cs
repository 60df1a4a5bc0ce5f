using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue;

namespace PbxGrains.Tests.Unit;

/// <summary>The tenant's catalogue decisions, without a cluster: who may have a number, the first free one, the next catalogue.</summary>
public sealed class TenantCatalogueTests
{
    private static readonly TenantDefinition Definition = new()
    {
        Id = "acme",
        Extensions = [new ExtensionConfig { Number = "4001", PublicNumber = "+3222900001" }, new ExtensionConfig { Number = "4002" }],
        Queues = [new QueueConfig { Name = "support", Number = "600" }, new QueueConfig { Name = "sales" }],
        RingGroups = [new RingGroupConfig { Number = "610", Members = ["4001"] }],
        ParkingLots = [new ParkingLotConfig { FirstSlot = 4003, SlotCount = 2 }],
        Agents = [new AgentConfig { Id = "a1" }],
        Traffic = [new TrafficConfig { Name = "in" }],
    };

    private static readonly TenantState State = TenantState.Of(Definition);

    private static readonly TenantIndex Index = new(State, NumberRouting.Empty);

    [Theory]
    [InlineData("4001", DestinationKind.Extension, true, DomainError.None)]
    [InlineData("4001", DestinationKind.Extension, false, DomainError.NumberInUse)]
    [InlineData("4001", DestinationKind.RingGroup, true, DomainError.NumberInUse)]
    [InlineData("600", DestinationKind.Queue, true, DomainError.None)]
    [InlineData("600", DestinationKind.Extension, true, DomainError.NumberInUse)]
    [InlineData("4003", DestinationKind.Extension, true, DomainError.NumberInUse)]
    [InlineData("3222900001", DestinationKind.Extension, false, DomainError.NumberInUse)]
    [InlineData("4999", DestinationKind.Extension, false, DomainError.None)]
    public void An_update_may_keep_its_own_kinds_number_and_a_creation_only_a_free_one(string number, DestinationKind kind, bool replace, DomainError expected) =>
        Assert.Equal(expected, TenantCatalogue.Claim(Index, number, kind, replace).Error);

    [Fact]
    public void A_new_queue_takes_neither_another_queues_name_nor_a_taken_number()
    {
        Assert.Equal(PbxResult.Fail(DomainError.NumberInUse, "sales"), TenantCatalogue.ClaimQueue(State, Index, new QueueConfig { Name = "sales" }, replace: false));
        Assert.Equal(PbxResult.Fail(DomainError.NumberInUse, "610"), TenantCatalogue.ClaimQueue(State, Index, new QueueConfig { Name = "new", Number = "610" }, replace: false));
        Assert.True(TenantCatalogue.ClaimQueue(State, Index, new QueueConfig { Name = "support", Number = "600" }, replace: true).IsOk);
        Assert.True(TenantCatalogue.ClaimQueue(State, Index, new QueueConfig { Name = "new" }, replace: false).IsOk);
    }

    [Fact]
    public void The_first_free_number_skips_everything_that_answers()
    {
        Assert.Equal("4005", TenantCatalogue.FreeNumber(Index, "4001").Value);
        Assert.Equal("601", TenantCatalogue.FreeNumber(Index, "600").Value);
        Assert.Equal(PbxResult<string>.Fail(DomainError.InvalidArgument, "number: no free number from 4x"), TenantCatalogue.FreeNumber(Index, "4x"));
    }

    [Fact]
    public void A_reload_drops_what_the_new_definition_does_not_name_and_keeps_the_creation_time()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var previous = TenantCatalogue.Loaded(new TenantState(), Definition, created, "first");
        var next = Definition with { Extensions = [Definition.Extensions[0]], Queues = [], Traffic = [] };

        var dropped = TenantCatalogue.Dropped(previous, next);
        var reloaded = TenantCatalogue.Loaded(previous, next, created.AddDays(1), "second");

        Assert.Equal(["4002"], dropped.Extensions);
        Assert.Equal(["sales", "support"], dropped.Queues);
        Assert.Equal(["in"], dropped.Traffic);
        Assert.Empty(dropped.Agents);
        Assert.Equal((created, previous.Version + 1), (reloaded.Created, reloaded.Version));
        Assert.Equal(["4001"], TenantCatalogue.View("acme", reloaded).Extensions);
    }

    [Fact]
    public void A_new_tenant_takes_a_new_incarnation_that_reloads_and_settings_changes_keep_whatever_they_are_given()
    {
        var created = TenantCatalogue.Loaded(new TenantState(), Definition with { Settings = new TenantSettings { Incarnation = "forged" } }, DateTimeOffset.UnixEpoch, "first");
        var reloaded = TenantCatalogue.Loaded(created, Definition, DateTimeOffset.UnixEpoch, "second");
        var changed = TenantCatalogue.WithSettings(reloaded, new TenantSettings { DisplayName = "new", Incarnation = "forged" });

        Assert.Equal(("first", "first", "first"), (created.Settings.Incarnation, reloaded.Settings.Incarnation, changed.Settings.Incarnation));
        Assert.Equal("new", changed.Settings.DisplayName);
        Assert.Equal("second", TenantCatalogue.Loaded(new TenantState(), Definition, DateTimeOffset.UnixEpoch, "second").Settings.Incarnation);
    }

    [Fact]
    public void Changes_return_the_next_catalogue()
    {
        var added = TenantCatalogue.WithExtension(State, new ExtensionConfig { Number = "4010", SipUser = "bob" });
        var removed = TenantCatalogue.WithoutQueues(TenantCatalogue.WithQueue(added, new QueueConfig { Name = "vip", Number = "650" }), ["support"]);

        Assert.Equal("bob", removed.Extensions["4010"].SipUser);
        Assert.Equal(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("sales", ""), KeyValuePair.Create("vip", "650")]), removed.Queues);
        Assert.Equal(["610", "620"], TenantCatalogue.WithRingGroup(State, new RingGroupConfig { Number = "620" }).RingGroups);
        Assert.Empty(TenantCatalogue.WithoutRingGroups(State, ["610"]).RingGroups);
    }
}
