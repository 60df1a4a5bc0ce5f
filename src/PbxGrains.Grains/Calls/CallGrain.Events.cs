using System.Collections.Immutable;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Grains.Events;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// Announcing the call's changes on the tenant's event feed. The call is the one writer of its legs, so it is the one
/// place that sees each change exactly once and in order. It tells its hub one way, after its readers have the new
/// pictures (a client that acts on an event finds the channel), and never waits for delivery.
/// </summary>
public sealed partial class CallGrain
{
    // Not state: what the feed has been told, so each change is announced once.
    private readonly Dictionary<string, (ChannelSnapshot Channel, bool Originating)> _announced = new(StringComparer.Ordinal);
    private string? _announcedQueue;
    private string? _announcedParkingLot;

    // The caller's position when it joined its queue (the queue's answer to the join).
    private int? _queuePosition;

    private void AnnounceChanges(List<ChannelSnapshot> changed)
    {
        var events = ImmutableArray.CreateBuilder<CallEvent>();
        var now = clock.Now;
        var caller = CallerLeg;
        var queueNow = _inQueue ? _queue : null;
        if (_announcedQueue is { } left && queueNow != left)
        {
            var exit = _queueConnected ? QueueExit.Answered : caller is not null ? QueueExit.Transferred : QueueExit.Abandoned;
            var leg = caller ?? _legs.Find(l => l.Channel.Queue == left);
            events.Add(new CallEvent { Kind = CallEventKind.QueueLeft, At = now, Channel = leg?.Channel, Originating = true, Queue = left, QueueExit = exit });
        }

        _announcedParkingLot = _parkedLot ?? _announcedParkingLot;
        foreach (var channel in changed)
        {
            // A leg's role can change later (a parked or redirected leg becomes the caller); what it was when it
            // appeared decides whether it placed the call.
            var known = _announced.TryGetValue(channel.Name, out var seen);
            var originating = known ? seen.Originating : Find(channel.Name)?.Role == LegRole.Caller;
            events.AddRange(CallEventRules.Diff(known ? seen.Channel : null, channel, originating, _announcedParkingLot, now));
            _announced[channel.Name] = (channel, originating);
        }

        if (queueNow is not null && queueNow != _announcedQueue && caller is not null)
        {
            events.Add(new CallEvent { Kind = CallEventKind.QueueJoined, At = now, Channel = caller.Channel, Originating = true, Queue = queueNow, QueuePosition = _queuePosition });
        }

        _announcedQueue = queueNow;
        if (events.Count > 0)
        {
            GrainFactory.Ref<ICallEventHubGrain>(CallEventShards.KeyOf(_tenant, _callId)).PublishAsync(events.ToImmutable()).Ignore();
        }
    }
}
