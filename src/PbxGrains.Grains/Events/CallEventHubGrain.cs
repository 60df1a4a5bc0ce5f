using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Events;

namespace PbxGrains.Grains.Events;

/// <summary>
/// One shard of a tenant's event feed: it hands each batch a call publishes to every subscribed process, one way. It
/// awaits nothing, so calls may tell it anything without risk of a waiting cycle, and a slow or dead subscriber costs
/// it no more than sending a message. Subscriptions are leases: a process that stops renewing is forgotten. Not
/// persisted: a hub lost with its silo starts empty and the subscribers' next renewals fill it again.
/// </summary>
public sealed class CallEventHubGrain(ILogger<CallEventHubGrain> logger) : Grain, ICallEventHubGrain
{
    // Not state: the subscribers and when their leases end (real-time timestamps, never the simulation clock, which
    // tests stop and jump).
    private readonly Dictionary<ICallEventObserver, long> _leases = [];

    public Task PublishAsync(ImmutableArray<CallEvent> events)
    {
        Deliver(events);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(ICallEventObserver observer, TimeSpan lease)
    {
        var now = TimeProvider.System.GetTimestamp();
        _leases[observer] = now + (long)(lease.TotalSeconds * TimeProvider.System.TimestampFrequency);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICallEventObserver observer)
    {
        _leases.Remove(observer);
        return Task.CompletedTask;
    }

    public Task PingAsync(string token, DateTimeOffset at)
    {
        Deliver([new CallEvent { Kind = CallEventKind.Ping, At = at, Token = token }]);
        return Task.CompletedTask;
    }

    private void Deliver(ImmutableArray<CallEvent> events)
    {
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
