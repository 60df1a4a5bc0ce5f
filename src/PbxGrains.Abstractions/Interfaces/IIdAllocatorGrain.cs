
namespace PbxGrains.Abstractions.Interfaces;

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
