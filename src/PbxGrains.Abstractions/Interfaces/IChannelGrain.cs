using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A channel's address (key <c>{tenant}/{channel name}</c>): the latest picture its call published, so that a channel
/// is found and read by name without asking the call. Commands go to the call named in the picture.
/// </summary>
[Alias("pbx.IChannelGrain")]
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Not one-way: the call awaits it before it tells anyone else, so that a channel any listing shows can be found
    /// by name. The address awaits nothing, so awaiting it is safe.
    /// </summary>
    [Alias("Publish")]
    Task PublishAsync(ChannelSnapshot snapshot);

    /// <summary>The latest picture, or null when no such channel is live.</summary>
    [AlwaysInterleave, SafeToResend, Alias("Get")]
    Task<ChannelSnapshot?> GetAsync();
}
