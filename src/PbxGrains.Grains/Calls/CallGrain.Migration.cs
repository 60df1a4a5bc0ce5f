using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Hosting;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A live call moves when its silo stops gracefully (a rolling update, a scale-in): Orleans' live grain migration takes
/// the activation to a surviving silo with everything it needs to go on as if nothing happened: the flow's state, the
/// call's time, its timers (same ids, same due instants), the generator's position (its later draws are the ones it
/// would have made) and what it has shown (its readers and the event feed see no change twice and none missing).
/// <para>
/// How: the silo deactivates every activation with <see cref="DeactivationReasonCode.ShuttingDown"/>; a live call asks
/// to migrate from <c>OnDeactivateAsync</c> (Orleans, since dotnet/orleans#9117, places it again with its placement
/// strategy among the silos still active, calls <see cref="OnDehydrate"/>, hands the context and the messages queued
/// meanwhile to the new activation, and forwards later ones there). The new activation gets <see cref="OnRehydrate"/>
/// before <see cref="OnActivateAsync"/>, which takes the call over.
/// </para>
/// <para>
/// When it cannot (no other silo, the shutdown's time ran out before the call's turn), Orleans deactivates the call
/// without calling <see cref="OnDehydrate"/>: the call ends as it did before migration existed (the holders of its
/// pictures end them through the silo-loss recovery), and <see cref="Dispose"/> counts it
/// (<c>pbx.calls.migration_failed</c>) and logs it.
/// </para>
/// <para>
/// The silo-local gauges (<c>pbx.calls.live</c>, <c>pbx.channels.live</c>) move with the call: taken off here when it
/// leaves, added on the silo it arrives at; nothing is counted as started or ended.
/// </para>
/// </summary>
public sealed partial class CallGrain : IGrainMigrationParticipant, IDisposable
{
    private const string MigrationKey = "pbx.call";

    // Not state: this activation asked to move on (the silo is stopping), and whether Orleans took its image.
    private bool _moving;
    private bool _dehydrated;

    // Not state: the image an earlier activation handed over, until OnActivateAsync takes it.
    private CallImage? _arrived;

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (!_call.Started || _call.Phase == CallPhase.Ended)
        {
            return;
        }

        dehydrationContext.TryAddValue(MigrationKey, new CallImage(_call, _now, _random.Position, _timers.Image(), _shown.Image()));
        _dehydrated = true;
        metrics.CallMovedAway();
        foreach (var leg in _call.Legs.Where(l => l.Live))
        {
            metrics.ChannelStateChanged(_shown.ShownState(leg.Name), null);
        }

        logger.LogDebug("Call {Call} of {Tenant} moves to another silo", _call.CallId, _tenant);
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<CallImage>(MigrationKey, out var image))
        {
            _arrived = image;
        }
    }

    public void Dispose()
    {
        if (_moving && !_dehydrated)
        {
            // Orleans found no silo to move the call to (it was the last one) or ran out of time: the call ends here.
            logger.LogWarning("Call {Call} of {Tenant} could not move to another silo and ended with this one", _call.CallId, _tenant);
            metrics.CallMigrationFailed();
            EndedWithActivation();
        }

        _timers?.Dispose();
    }

    /// <summary>
    /// Whether the call lives on elsewhere: it is migrating already, or the silo is stopping and it asks to. A call
    /// deactivated for any other reason (a directory failure, an unresponsive activation) ends.
    /// </summary>
    private bool MovesOn(DeactivationReason reason)
    {
        switch (reason.ReasonCode)
        {
            case DeactivationReasonCode.Migrating:
                _moving = true;
                return true;
            case DeactivationReasonCode.ShuttingDown:
                _moving = true;
                if (ServiceProvider.AnotherSiloIsActive())
                {
                    MigrateOnIdle();
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Counts a live call that ended with its activation, as a call that failed.</summary>
    private void EndedWithActivation()
    {
        metrics.CallEnded(CdrDisposition.Failed);
        foreach (var leg in _call.Legs.Where(l => l.Live))
        {
            metrics.ChannelStateChanged(_shown.ShownState(leg.Name), null);
        }
    }

    /// <summary>Takes over the call an earlier activation handed over, if any: its state, time, draws, timers and what it showed.</summary>
    private void TakeOverArrived()
    {
        if (_arrived is not { } image)
        {
            return;
        }

        _arrived = null;
        _call = image.Call;
        _now = image.Now;
        _random = ResumableRandom.Resume(image.Random);
        _shown = CallShowing.Resume(image.Shown);
        _timers.Resume(image.Timers);
        metrics.CallMovedHere();
        foreach (var leg in _call.Legs.Where(l => l.Live))
        {
            metrics.ChannelStateChanged(null, _shown.ShownState(leg.Name));
        }

        logger.LogDebug("Call {Call} of {Tenant} moved here with {Timers} timers", _call.CallId, _tenant, image.Timers.Pending.Length);
    }
}

/// <summary>A live call as it moves to another silo (see <see cref="CallGrain"/>'s migration).</summary>
[GenerateSerializer, Immutable, Alias("pbx.call-image")]
internal sealed record class CallImage(
    [property: Id(0)] CallState Call,
    [property: Id(1)] DateTimeOffset Now,
    [property: Id(2)] RandomPosition Random,
    [property: Id(3)] CallTimersImage Timers,
    [property: Id(4)] CallShowingImage Shown);
