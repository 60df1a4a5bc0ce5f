using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>A ring group (key <c>{tenant}/{number}</c>). It calls no other grain.</summary>
[Alias("pbx.IRingGroupGrain")]
public interface IRingGroupGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task<PbxResult> ConfigureAsync(RingGroupConfig config);

    [Alias("Remove")]
    Task RemoveAsync();

    [ReadOnly, Alias("Get")]
    Task<RingGroupConfig?> GetAsync();
}
