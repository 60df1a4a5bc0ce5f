using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A live channel's address moves to another silo when its silo stops gracefully (see <c>CallGrain</c>'s migration),
/// with its picture, so the channel stays findable by name and shows what it showed. An ended channel's lingering
/// address does not move: it only guards against late pictures for a few seconds.
/// </summary>
public sealed partial class ChannelGrain : IGrainMigrationParticipant
{
    private const string MigrationKey = "pbx.channel";

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && _latest is { IsHungUp: false } && ServiceProvider.AnotherSiloIsActive())
        {
            MigrateOnIdle();
        }

        return Task.CompletedTask;
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_latest is { IsHungUp: false } channel)
        {
            dehydrationContext.TryAddValue(MigrationKey, channel);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<ChannelSnapshot>(MigrationKey, out var channel))
        {
            _latest = channel;
        }
    }
}
