using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A grain that holds live facts another grain owns (a call's legs, its place in a queue or a parking slot) and must
/// reconcile them when a silo of the cluster is lost: the owner may have died with it, or the holder's copy may have.
/// Told one way by its own silo; it answers nothing and awaits nothing.
/// </summary>
[Alias("pbx.ISiloLossListener")]
public interface ISiloLossListener : IGrainWithStringKey
{
    [OneWay, Alias("OnSiloLost")]
    Task OnSiloLostAsync();
}

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
