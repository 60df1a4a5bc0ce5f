using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>Which kind of grain holds a <see cref="CallReference"/>.</summary>
public enum CallHolder
{
    Channel = 0,
    Extension = 1,
    Queue = 2,
    ParkingLot = 3,
    LiveCalls = 4,
}

/// <summary>
/// What one holder still shows of a call, sent to the call after a silo was lost. Enough for a call that has no live
/// state any more to end exactly that: the holder's own picture of the leg or the call (whose version the ending
/// picture must exceed), or the queue or parking slot the call occupies there.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.call-reference")]
public sealed record class CallReference
{
    [Id(0)] public CallHolder Holder { get; init; }

    /// <summary>The leg as the channel address or the extension shows it.</summary>
    [Id(1)] public ChannelSnapshot? Channel { get; init; }

    /// <summary>The queue the call waits in or is connected through.</summary>
    [Id(2)] public string? Queue { get; init; }

    /// <summary>The parked call as its lot shows it.</summary>
    [Id(3)] public ParkedCallView? Parked { get; init; }

    /// <summary>The call as its live-call shard lists it.</summary>
    [Id(4)] public CallSnapshot? Call { get; init; }
}
