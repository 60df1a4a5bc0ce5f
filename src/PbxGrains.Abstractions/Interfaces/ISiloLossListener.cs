using Orleans.Concurrency;

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
