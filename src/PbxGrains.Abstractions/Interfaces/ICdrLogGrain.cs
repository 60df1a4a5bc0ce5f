using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// One shard of a tenant's CDRs for one day (key <c>{tenant}/{yyyyMMdd}/{shard}</c>). Durable; calls no other grain.
/// </summary>
[Alias("pbx.ICdrLogGrain")]
public interface ICdrLogGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task AppendAsync(CdrRecord record);

    [ReadOnly, Alias("List")]
    Task<ImmutableArray<CdrRecord>> ListAsync();
}

/// <summary>
/// Hands out blocks of a tenant's sequence numbers (key: the tenant id), so unique ids and channel names stay unique
/// across silos without a grain call per id.
/// </summary>
[Alias("pbx.IIdAllocatorGrain")]
public interface IIdAllocatorGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="size"/> numbers and returns the first.</summary>
    [Alias("NextBlock")]
    Task<long> NextBlockAsync(int size);
}
