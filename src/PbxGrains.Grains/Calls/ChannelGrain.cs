using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A channel's address: the newest picture its call published. It awaits nothing. Kept alive while the channel is
/// live (a long quiet call must stay findable by name); after the final picture it lingers a few seconds, so that a
/// late, older picture cannot re-create a channel that has ended, and then goes away. An activation that a request
/// for a made-up name created (no picture) goes at once: kept alive, it would stay for good.
/// </summary>
[KeepAlive]
public sealed partial class ChannelGrain : Grain, IChannelGrain
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(5);

    private ChannelSnapshot? _latest;
    private IGrainTimer? _farewell;

    public Task PublishAsync(ChannelSnapshot snapshot)
    {
        if (_latest is not null && (_latest.Version >= snapshot.Version || _latest.IsHungUp))
        {
            return Task.CompletedTask;
        }

        _latest = snapshot;
        if (snapshot.IsHungUp && _farewell is null)
        {
            _farewell = this.RegisterGrainTimer(() =>
            {
                DeactivateOnIdle();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(Linger, Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    public Task<ChannelSnapshot?> GetAsync()
    {
        if (_latest is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_latest);
    }
}
