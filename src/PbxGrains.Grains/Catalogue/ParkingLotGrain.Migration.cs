using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Catalogue;

/// <summary>A lot that moves to another silo (its silo stops gracefully) takes its parked calls; the configuration goes as persistent state.</summary>
public sealed partial class ParkingLotGrain
{
    private const string MigrationKey = "pbx.parking-lot";

    protected override void Dehydrate(IDehydrationContext context) =>
        context.TryAddValue(MigrationKey, new ParkingLotImage([.. _slots.Values]));

    protected override void Rehydrate(IRehydrationContext context)
    {
        if (!context.TryGetValue<ParkingLotImage>(MigrationKey, out var image) || image is null)
        {
            return;
        }

        foreach (var parked in image.Parked)
        {
            _slots[parked.Slot] = parked;
        }
    }
}

/// <summary>A lot's parked calls as it moves to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.parking-lot-image")]
internal sealed record class ParkingLotImage([property: Id(0)] ImmutableArray<ParkedCallView> Parked);
