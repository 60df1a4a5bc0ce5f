using PbxGrains.Grains.Simulation;

namespace PbxGrains.Grains.Traffic;

/// <summary>
/// A generator that moves to another silo (its silo stops gracefully) goes on with the same arrival stream: the next
/// arrival and a pending initial burst keep their instants and timer ids, the generator's draws go on from where they
/// were, and its counts of placed and skipped calls go along. (A generator reactivated after a loss, by contrast,
/// continues with fresh draws.) Its configuration and whether it runs go as persistent state.
/// </summary>
public sealed partial class TrafficGrain
{
    private const string MigrationKey = "pbx.traffic";

    // Not state: what an earlier activation handed over, until OnActivateAsync takes it.
    private TrafficImage? _arrived;

    protected override void Dehydrate(IDehydrationContext context) => context.TryAddValue(MigrationKey, new TrafficImage(
        _random.Position,
        Pending(_timer),
        Pending(_burst),
        _nextArrival,
        _timers.LastId,
        _placed,
        _skipped));

    protected override void Rehydrate(IRehydrationContext context)
    {
        if (context.TryGetValue<TrafficImage>(MigrationKey, out var image))
        {
            _arrived = image;
        }
    }

    /// <summary>Takes over the arrival stream an earlier activation handed over; false when there is none to take.</summary>
    private bool TakeOverArrived()
    {
        if (_arrived is not { } image || state.State.Config is not { } config)
        {
            return false;
        }

        _arrived = null;
        _random = ResumableRandom.Resume(image.Random);
        _arrivals = new ArrivalProcess(config.CallsPerHour, config.HourlyProfile, _random);
        _nextArrival = image.NextArrival;
        _placed = image.Placed;
        _skipped = image.Skipped;
        _timers.LastId = image.LastTimerId;
        _timer = Resume(image.Arrival);
        _burst = Resume(image.Burst);
        return true;
    }

    private PendingTrafficTimer? Pending(long? id) => id is { } value && _timers.DueOf(value) is { } due ? new PendingTrafficTimer(value, due) : null;

    private long? Resume(PendingTrafficTimer? timer)
    {
        if (timer is null)
        {
            return null;
        }

        _timers.Resume(timer.Id, timer.Due);
        return timer.Id;
    }
}

/// <summary>A generator's arrival stream as it moves to another silo.</summary>
[GenerateSerializer, Immutable, Alias("pbx.traffic-image")]
internal sealed record class TrafficImage(
    [property: Id(0)] RandomPosition Random,
    [property: Id(1)] PendingTrafficTimer? Arrival,
    [property: Id(2)] PendingTrafficTimer? Burst,
    [property: Id(3)] DateTimeOffset? NextArrival,
    [property: Id(4)] long LastTimerId,
    [property: Id(5)] long Placed,
    [property: Id(6)] long Skipped);

[GenerateSerializer, Immutable, Alias("pbx.traffic-timer")]
internal sealed record class PendingTrafficTimer([property: Id(0)] long Id, [property: Id(1)] DateTimeOffset Due);
