using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Host.Api.Models;

public sealed record class ParkingLotResponse(string Name, int FirstSlot, int Slots, int Timeout, IReadOnlyList<ParkedCallResponse> Parked);

public sealed record class ParkedCallResponse(
    int Slot,
    string Channel,
    string CallId,
    string CallerIdNumber,
    string CallerIdName,
    DateTimeOffset ParkedAt,
    string ParkedBy);

public sealed record class RingGroupResponse(
    string Number,
    string Description,
    string Strategy,
    int RingTime,
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, string> Settings);

public static class ParkingMapping
{
    public static ParkingLotResponse AsResponse(this ParkingLotView lot) => new(
        lot.Config.Name,
        lot.Config.FirstSlot,
        lot.Config.SlotCount,
        lot.Config.TimeoutSeconds,
        [.. lot.Parked.Select(p => new ParkedCallResponse(p.Slot, p.Channel, p.CallId, p.CallerIdNumber, p.CallerIdName, p.ParkedAt, p.ParkedBy))]);

    public static RingGroupResponse AsResponse(this RingGroupConfig group) =>
        new(group.Number, group.Description, Choices.NameOf(Choices.RingGroupStrategies, group.Strategy), group.RingTimeSeconds, group.Members, group.Settings);
}
