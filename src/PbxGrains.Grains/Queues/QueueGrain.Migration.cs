using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Queues;

/// <summary>
/// A queue that moves to another silo (its silo stops gracefully) goes on where it was: its callers, members, offers and
/// statistics (the machine's image), its draws, its time, its pending wake-up (same id, same instant) and its
/// snapshot's epoch and version, so a poller sees no change and no member event is announced again. The configuration
/// and dynamic members go as persistent state.
/// </summary>
public sealed partial class QueueGrain
{
    private const string MigrationKey = "pbx.queue";

    // Not state: what an earlier activation handed over, until OnActivateAsync takes it.
    private QueueImage? _arrived;

    protected override void Dehydrate(IDehydrationContext context)
    {
        if (_machine is null)
        {
            return;
        }

        var wakeUp = _wakeUp is { } id && _timers.DueOf(id) is { } due ? new PendingQueueWakeUp(id, due) : null;
        context.TryAddValue(MigrationKey, new QueueImage(_machine.Image(), _random.Position, _now, _epoch, _version, wakeUp, _timers.LastId));
    }

    protected override void Rehydrate(IRehydrationContext context)
    {
        if (context.TryGetValue<QueueImage>(MigrationKey, out var image))
        {
            _arrived = image;
        }
    }

    /// <summary>Takes over the queue an earlier activation handed over; false when there is none to take.</summary>
    private bool TakeOverArrived()
    {
        if (_arrived is not { } image)
        {
            return false;
        }

        _arrived = null;
        _random = ResumableRandom.Resume(image.Random);
        _machine = QueueMachine.Resume(image.Machine, _random);
        _now = image.Now;
        _epoch = image.Epoch;
        _version = image.Version;
        _timers.LastId = image.LastTimerId;
        if (image.WakeUp is { } wakeUp)
        {
            _timers.Resume(wakeUp.Id, wakeUp.Due);
            _wakeUp = wakeUp.Id;
        }

        // The same snapshot as before the move (no new version, no member events); the waiting callers count here now.
        _snapshot = _machine.Snapshot(_version) with { Epoch = _epoch };
        _reportedWaiting = _machine.WaitingCount;
        metrics.QueueWaitingChanged(_reportedWaiting);
        KeepAliveWhile(true);
        return true;
    }
}

/// <summary>A queue's transient state as it moves to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-image")]
internal sealed record class QueueImage(
    [property: Id(0)] QueueMachineImage Machine,
    [property: Id(1)] RandomPosition Random,
    [property: Id(2)] DateTimeOffset Now,
    [property: Id(3)] long Epoch,
    [property: Id(4)] long Version,
    [property: Id(5)] PendingQueueWakeUp? WakeUp,
    [property: Id(6)] long LastTimerId);

[GenerateSerializer, Immutable, Alias("pbx.queue-wake-up")]
internal sealed record class PendingQueueWakeUp([property: Id(0)] long Id, [property: Id(1)] DateTimeOffset Due);
