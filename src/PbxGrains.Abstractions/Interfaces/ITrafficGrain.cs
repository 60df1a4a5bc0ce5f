using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A traffic generator (key <c>{tenant}/{name}</c>). It awaits the calls it places and the extensions it picks
/// sources from; nothing that can call it back. The tenant configures it one way: the tenant is awaited by calls,
/// which this grain awaits, so a tenant awaiting it could close a cycle.
/// </summary>
[Alias("pbx.ITrafficGrain")]
public interface ITrafficGrain : IGrainWithStringKey
{
    /// <summary>Takes a (validated) configuration from the tenant and starts it when it is enabled.</summary>
    [OneWay, Alias("Apply")]
    Task ApplyAsync(TrafficConfig config);

    [OneWay, Alias("Remove")]
    Task RemoveAsync();

    [ReadOnly, Alias("Get")]
    Task<TrafficView> GetAsync();

    [Alias("Start")]
    Task<PbxResult> StartAsync();

    [Alias("Stop")]
    Task<PbxResult> StopAsync();

    [Alias("SetRate")]
    Task<PbxResult> SetRateAsync(double callsPerHour);

    [OneWay, Alias("OnTimer")]
    Task OnTimerAsync(long timerId);
}
