using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// The recovery side of a call (the same grain as <see cref="ICallGrain"/>, key <c>{tenant}/{call id}</c>). A holder
/// that still shows the call asks it, one way, whether it lives; a live call ignores the question, and a call that
/// finds itself with no live state (it was lost with its silo) ends what the holder shows through its usual forward
/// edges: the channel address, the extension, the queue, the parking lot, the live-call shard.
/// </summary>
[Alias("pbx.ICallRecovery")]
public interface ICallRecovery : IGrainWithStringKey
{
    [OneWay, Alias("CheckReference")]
    Task CheckReferenceAsync(CallReference reference);
}
