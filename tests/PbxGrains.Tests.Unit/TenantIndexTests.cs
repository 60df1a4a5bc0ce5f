using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue;

namespace PbxGrains.Tests.Unit;

public sealed class TenantIndexTests
{
    private static ExtensionConfig Ext4001 => new()
    {
        Number = "4001",
        PublicNumber = "+3222900001",
        DatabaseId = 11,
        DeviceIds = ["0004f2a1b2c3", "escaux-phone-7"],
    };

    private static ExtensionConfig Ext4002 => new() { Number = "4002", PublicNumber = "3222900002", DatabaseId = 12 };

    private static ExtensionConfig Ext4003 => new() { Number = "4003", Tech = "PJSIP", SipUser = "alice" };

    [Fact]
    public void An_extension_number_resolves_to_the_extension()
    {
        Assert.Equal(new Destination(DestinationKind.Extension, "4001", "4001"), Index().Resolve("4001"));
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.Equal(new Destination(DestinationKind.Extension, "4001", "4001"), Index().Resolve(" 4001 "));
    }

    [Theory]
    [InlineData("+3222900001", "4001")]
    [InlineData("3222900001", "4001")]
    [InlineData("3222900002", "4002")]
    [InlineData("+3222900002", "4002")]
    public void A_public_number_resolves_to_its_extension_with_or_without_plus(string dialled, string extension)
    {
        Assert.Equal(new Destination(DestinationKind.Extension, extension, dialled), Index().Resolve(dialled));
    }

    [Theory]
    [InlineData("600", "support")]
    [InlineData("support", "support")]
    [InlineData("sales", "sales")]
    public void A_queue_resolves_by_its_number_or_its_name(string dialled, string queue)
    {
        Assert.Equal(new Destination(DestinationKind.Queue, queue, dialled), Index().Resolve(dialled));
    }

    [Fact]
    public void A_ring_group_number_resolves_to_the_ring_group()
    {
        Assert.Equal(new Destination(DestinationKind.RingGroup, "610", "610"), Index().Resolve("610"));
    }

    [Theory]
    [InlineData("701", "default/701")]
    [InlineData("720", "default/720")]
    [InlineData("801", "vip/801")]
    [InlineData("805", "vip/805")]
    public void A_parking_slot_resolves_to_its_lot_and_slot(string dialled, string key)
    {
        Assert.Equal(new Destination(DestinationKind.ParkingSlot, key, dialled), Index().Resolve(dialled));
    }

    [Theory]
    [InlineData("700")]
    [InlineData("721")]
    [InlineData("806")]
    public void A_number_just_outside_a_lot_is_not_a_parking_slot(string dialled)
    {
        Assert.NotEqual(DestinationKind.ParkingSlot, Index().Resolve(dialled).Kind);
    }

    [Theory]
    [InlineData("0470123456")]
    [InlineData("+32470123456")]
    [InlineData("*98#")]
    public void Without_an_outside_prefix_any_other_phone_number_is_external(string dialled)
    {
        Assert.Equal(new Destination(DestinationKind.External, dialled, dialled), Index().Resolve(dialled));
    }

    [Fact]
    public void With_an_outside_prefix_the_prefix_is_stripped_from_an_external_number()
    {
        Assert.Equal(new Destination(DestinationKind.External, "0470123456", "00470123456"), Index(outsidePrefix: "0").Resolve("00470123456"));
    }

    [Theory]
    [InlineData("470123456")]
    [InlineData("+32470123456")]
    [InlineData("0")]
    public void With_an_outside_prefix_a_number_without_it_is_unknown(string dialled)
    {
        Assert.Equal(DestinationKind.Unknown, Index(outsidePrefix: "0").Resolve(dialled).Kind);
    }

    [Fact]
    public void Inside_numbers_need_no_outside_prefix()
    {
        var index = Index(outsidePrefix: "0");

        Assert.Equal(DestinationKind.Extension, index.Resolve("4001").Kind);
        Assert.Equal(DestinationKind.Queue, index.Resolve("600").Kind);
        Assert.Equal(DestinationKind.ParkingSlot, index.Resolve("701").Kind);
    }

    [Fact]
    public void A_number_with_a_leading_zero_is_not_a_parking_slot()
    {
        Assert.Equal(new Destination(DestinationKind.External, "701", "0701"), Index(outsidePrefix: "0").Resolve("0701"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("40-01")]
    [InlineData("+")]
    [InlineData("1234567890123456789012345")]
    public void Anything_else_is_unknown(string dialled)
    {
        var destination = Index().Resolve(dialled);

        Assert.Equal(DestinationKind.Unknown, destination.Kind);
        Assert.Equal("", destination.Key);
    }

    [Fact]
    public void An_extension_wins_over_a_queue_with_the_same_name()
    {
        var index = Index(queues: [("4002", "")]);

        Assert.Equal(DestinationKind.Extension, index.Resolve("4002").Kind);
    }

    [Fact]
    public void A_public_number_wins_over_a_queue_with_the_same_number()
    {
        var index = Index(queues: [("support", "3222900002")]);

        Assert.Equal(new Destination(DestinationKind.Extension, "4002", "3222900002"), index.Resolve("3222900002"));
    }

    [Fact]
    public void A_queue_wins_over_a_ring_group_and_a_ring_group_over_a_parking_slot()
    {
        var index = Index(queues: [("support", "610"), ("sales", "")], ringGroups: ["610", "705"]);

        Assert.Equal(DestinationKind.Queue, index.Resolve("610").Kind);
        Assert.Equal(DestinationKind.RingGroup, index.Resolve("705").Kind);
    }

    [Fact]
    public void A_parking_slot_wins_over_an_outside_number()
    {
        Assert.Equal(DestinationKind.ParkingSlot, Index().Resolve("702").Kind);
    }

    [Theory]
    [InlineData(ExtensionLookup.Number, "4001", "4001")]
    [InlineData(ExtensionLookup.Number, "4999", null)]
    [InlineData(ExtensionLookup.PublicNumber, "+3222900001", "4001")]
    [InlineData(ExtensionLookup.PublicNumber, "3222900001", "4001")]
    [InlineData(ExtensionLookup.PublicNumber, "+3222900002", "4002")]
    [InlineData(ExtensionLookup.PublicNumber, "3222900009", null)]
    [InlineData(ExtensionLookup.SipUser, "alice", "4003")]
    [InlineData(ExtensionLookup.SipUser, "4001", "4001")]
    [InlineData(ExtensionLookup.SipUser, "4003", null)]
    [InlineData(ExtensionLookup.DatabaseId, "11", "4001")]
    [InlineData(ExtensionLookup.DatabaseId, "12", "4002")]
    [InlineData(ExtensionLookup.DatabaseId, "13", null)]
    [InlineData(ExtensionLookup.DatabaseId, "-11", null)]
    [InlineData(ExtensionLookup.DatabaseId, "eleven", null)]
    [InlineData(ExtensionLookup.Device, "SIP/4002", "4002")]
    [InlineData(ExtensionLookup.Device, "sip/4002", "4002")]
    [InlineData(ExtensionLookup.Device, "PJSIP/alice", "4003")]
    [InlineData(ExtensionLookup.Device, "0004f2a1b2c3", "4001")]
    [InlineData(ExtensionLookup.Device, "escaux-phone-7", "4001")]
    [InlineData(ExtensionLookup.Device, "4002", "4002")]
    [InlineData(ExtensionLookup.Device, "alice", "4003")]
    [InlineData(ExtensionLookup.Device, "IAX2/4002", null)]
    [InlineData(ExtensionLookup.Device, "SIP/4003", null)]
    [InlineData((ExtensionLookup)99, "4001", null)]
    public void An_extension_is_found_by_every_kind_of_lookup(ExtensionLookup by, string value, string? extension)
    {
        Assert.Equal(extension, Index().FindExtension(by, value));
    }

    private static TenantIndex Index(
        string outsidePrefix = "",
        (string Name, string Number)[]? queues = null,
        string[]? ringGroups = null)
    {
        queues ??= [("support", "600"), ("sales", "")];
        ringGroups ??= ["610"];
        var state = new TenantState
        {
            Exists = true,
            Settings = new TenantSettings { OutsidePrefix = outsidePrefix },
            Extensions = ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal,
                new[] { Ext4001, Ext4002, Ext4003 }.Select(e => KeyValuePair.Create(e.Number, ExtensionEntry.Of(e)))),
            Queues = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, queues.Select(q => KeyValuePair.Create(q.Name, q.Number))),
            RingGroups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, ringGroups),
            ParkingLots = ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal,
                [
                    KeyValuePair.Create("default", new ParkingLotConfig()),
                    KeyValuePair.Create("vip", new ParkingLotConfig { Name = "vip", FirstSlot = 801, SlotCount = 5 }),
                ]),
        };
        return new TenantIndex(state, NumberRouting.Empty);
    }
}
