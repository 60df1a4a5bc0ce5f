using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

[GenerateSerializer, Immutable, Alias("pbx.parking-config")]
public sealed record class ParkingLotConfig
{
    [Id(0)] public string Name { get; init; } = "default";

    [Id(1)] public int FirstSlot { get; init; } = 701;

    [Id(2)] public int SlotCount { get; init; } = 20;

    /// <summary>After this long a parked call rings back the one who parked it; 0 keeps it parked.</summary>
    [Id(3)] public int TimeoutSeconds { get; init; } = 45;

    public bool Contains(int slot) => slot >= FirstSlot && slot < FirstSlot + SlotCount;
}

[GenerateSerializer, Immutable, Alias("pbx.parked")]
public sealed record class ParkedCallView(
    [property: Id(0)] int Slot,
    [property: Id(1)] string Channel,
    [property: Id(2)] string CallId,
    [property: Id(3)] string CallerIdNumber,
    [property: Id(4)] string CallerIdName,
    [property: Id(5)] DateTimeOffset ParkedAt,
    [property: Id(6)] string ParkedBy,
    [property: Id(7)] string Lot);

[GenerateSerializer, Immutable, Alias("pbx.parking-lot")]
public sealed record class ParkingLotView(
    [property: Id(0)] ParkingLotConfig Config,
    [property: Id(1)] ImmutableArray<ParkedCallView> Parked);
