using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// One shard of a tenant's live calls (key <c>{tenant}/{shard}</c>), so listing calls has no single hot grain.
/// Calls publish their pictures one way; listings read every shard.
/// </summary>
[Alias("pbx.ILiveCallsGrain")]
public interface ILiveCallsGrain : IGrainWithStringKey
{
    [OneWay, Alias("Publish")]
    Task PublishAsync(CallSnapshot snapshot);

    [AlwaysInterleave, SafeToResend, Alias("List")]
    Task<ImmutableArray<CallSnapshot>> ListAsync();
}
