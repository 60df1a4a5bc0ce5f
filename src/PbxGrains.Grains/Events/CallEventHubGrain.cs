using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Events;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Events;

/// <summary>
/// One shard of a tenant's event feed: it hands each batch a call publishes to every subscribed process, one way. It
/// awaits nothing, so calls may tell it anything without risk of a waiting cycle, and a slow or dead subscriber costs
/// it no more than sending a message. Subscriptions are leases: a process that stops renewing is forgotten. Not
/// persisted: a hub lost with its silo starts empty and the subscribers' next renewals fill it again. A hub whose silo
/// stops gracefully moves to another silo with its subscribers and what is left of their leases, so no event of a live
/// call is lost between the stop and the next renewal.
/// </summary>
public sealed class CallEventHubGrain(ILogger<CallEventHubGrain> logger) : Grain, ICallEventHubGrain, IGrainMigrationParticipant
{
    private const string MigrationKey = "pbx.event-hub";

    // Not state: the subscribers and when their leases end (real-time timestamps, never the simulation clock, which
    // tests stop and jump).
    private readonly Dictionary<ICallEventObserver, long> _leases = [];

    // Not state: a PBX restart's silence (simulated time); events of instants before it are not passed on. Lost with
    // the activation, as the restart it models is short.
    private DateTimeOffset _silentUntil = DateTimeOffset.MinValue;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && _leases.Count > 0 && ServiceProvider.AnotherSiloIsActive())
        {
            MigrateOnIdle();
        }

        return Task.CompletedTask;
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        // Timestamps are this process's own: what goes along is how much of each lease is left.
        var now = TimeProvider.System.GetTimestamp();
        var leases = _leases.Where(l => l.Value > now)
            .Select(l => new EventLease(l.Key, TimeSpan.FromSeconds((double)(l.Value - now) / TimeProvider.System.TimestampFrequency)));
        dehydrationContext.TryAddValue(MigrationKey, new EventHubImage([.. leases]));
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<EventHubImage>(MigrationKey, out var image) && image is not null)
        {
            foreach (var lease in image.Leases)
            {
                Lease(lease.Observer, lease.Left);
            }
        }
    }

    public Task PublishAsync(ImmutableArray<CallEvent> events)
    {
        Deliver(events);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(ICallEventObserver observer, TimeSpan lease)
    {
        Lease(observer, lease);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICallEventObserver observer)
    {
        _leases.Remove(observer);
        return Task.CompletedTask;
    }

    public Task SilenceUntilAsync(DateTimeOffset until)
    {
        _silentUntil = until > _silentUntil ? until : _silentUntil;
        return Task.CompletedTask;
    }

    public Task PingAsync(string token, DateTimeOffset at)
    {
        Deliver([new CallEvent { Kind = CallEventKind.Ping, At = at, Token = token }]);
        return Task.CompletedTask;
    }

    private void Lease(ICallEventObserver observer, TimeSpan lease)
    {
        var now = TimeProvider.System.GetTimestamp();
        _leases[observer] = now + (long)(lease.TotalSeconds * TimeProvider.System.TimestampFrequency);
    }

    private void Deliver(ImmutableArray<CallEvent> events)
    {
        if (!events.IsDefaultOrEmpty && events[0].At < _silentUntil)
        {
            events = events.RemoveAll(e => e.At < _silentUntil);
        }

        if (_leases.Count == 0 || events.IsDefaultOrEmpty)
        {
            return;
        }

        var now = TimeProvider.System.GetTimestamp();
        List<ICallEventObserver>? expired = null;
        foreach (var (observer, until) in _leases)
        {
            if (until < now)
            {
                (expired ??= []).Add(observer);
                continue;
            }

            observer.OnEventsAsync(events).Ignore();
        }

        foreach (var observer in expired ?? [])
        {
            _leases.Remove(observer);
            logger.LogInformation("Event hub {Hub} dropped a subscriber whose lease ran out", this.GetPrimaryKeyString());
        }
    }
}

/// <summary>A hub's subscribers as it moves to another silo, with what is left of each lease.</summary>
[GenerateSerializer, Immutable, Alias("pbx.event-hub-image")]
internal sealed record class EventHubImage([property: Id(0)] ImmutableArray<EventLease> Leases);

[GenerateSerializer, Immutable, Alias("pbx.event-lease")]
internal sealed record class EventLease(
    [property: Id(0)] ICallEventObserver Observer,
    [property: Id(1)] TimeSpan Left);
