using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Events;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// What a call has shown so far, so that each change goes out once and in order: the last picture of each leg its
/// readers have and the feed announced, the recording last handed to the store, the queue and parking lot the feed
/// last named, and the call's own version in its listing. Not state (a call is live only): the grain keeps it beside
/// the call, and only the grain's thread touches it.
/// </summary>
internal sealed class CallShowing
{
    private readonly Dictionary<string, ShownLeg> _legs = new(StringComparer.Ordinal);
    private string? _queue;
    private string? _parkingLot;

    /// <summary>The call's version in its listing: one more each time its picture goes to its shard.</summary>
    public long Version { get; private set; }

    public long NextVersion() => ++Version;

    /// <summary>
    /// Marks the leg's picture as shown to its readers if it is newer than the one they have; returns whether it was,
    /// and the leg's state before and after (null when it was not shown yet, or is gone), for the metrics.
    /// </summary>
    public bool TryShow(ChannelSnapshot channel, out ChannelState? before, out ChannelState? after)
    {
        if (!_legs.TryGetValue(channel.Name, out var shown))
        {
            shown = new ShownLeg();
            _legs.Add(channel.Name, shown);
        }

        before = shown.State;
        after = channel.IsHungUp ? null : channel.State;
        if (channel.Version <= shown.Version)
        {
            return false;
        }

        shown.Version = channel.Version;
        shown.State = after;
        return true;
    }

    /// <summary>The state the leg's readers were last shown (null when it was not shown yet, or is gone).</summary>
    public ChannelState? ShownState(string leg) => _legs.TryGetValue(leg, out var shown) ? shown.State : null;

    /// <summary>
    /// The recording to hand to the tenant's store: once the leg is up (audio flows, so the file is written), whichever
    /// way it started, and each file once.
    /// </summary>
    public string? NewRecording(ChannelSnapshot channel)
    {
        if (!channel.Recording || channel.State != ChannelState.Up || channel.RecordingFile is not { } file
            || !_legs.TryGetValue(channel.Name, out var shown) || file == shown.StoredRecording)
        {
            return null;
        }

        shown.StoredRecording = file;
        return file;
    }

    /// <summary>The events the changed legs and the call's queue make on the tenant's feed, from what it announced before.</summary>
    public ImmutableArray<CallEvent> Announce(CallState call, List<ChannelSnapshot> changed, DateTimeOffset now)
    {
        var events = ImmutableArray.CreateBuilder<CallEvent>();
        var caller = call.Caller;
        var queueNow = call.Queue is { Waiting: true } seat ? seat.Name : null;
        if (_queue is { } left && queueNow != left)
        {
            var exit = call.Queue is { Connected: true } ? QueueExit.Answered : caller is not null ? QueueExit.Transferred : QueueExit.Abandoned;
            var leg = caller ?? call.Legs.FirstOrDefault(l => l.Channel.Queue == left);
            events.Add(new CallEvent { Kind = CallEventKind.QueueLeft, At = now, Channel = leg?.Channel, Originating = true, Queue = left, QueueExit = exit });
        }

        _parkingLot = call.Parked?.Lot ?? _parkingLot;
        foreach (var channel in changed)
        {
            // A leg's role can change later (a parked or redirected leg becomes the caller); what it was when it
            // appeared decides whether it placed the call.
            var shown = _legs[channel.Name];
            var originating = shown.Announced is not null ? shown.Originating : call.Find(channel.Name)?.Role == LegRole.Caller;
            events.AddRange(CallEventRules.Diff(shown.Announced, channel, originating, _parkingLot, now));
            shown.Announced = channel;
            shown.Originating = originating;
        }

        if (queueNow is not null && queueNow != _queue && caller is not null)
        {
            events.Add(new CallEvent
            {
                Kind = CallEventKind.QueueJoined,
                At = now,
                Channel = caller.Channel,
                Originating = true,
                Queue = queueNow,
                QueuePosition = call.Queue!.Position,
            });
        }

        _queue = queueNow;
        return events.ToImmutable();
    }

    /// <summary>What was shown so far, as the call takes it to another silo: its readers and the feed must not see a change twice.</summary>
    public CallShowingImage Image() => new(
        [.. _legs.Select(p => new ShownLegImage(p.Key, p.Value.Version, p.Value.State, p.Value.StoredRecording, p.Value.Announced, p.Value.Originating))],
        _queue,
        _parkingLot,
        Version);

    public static CallShowing Resume(CallShowingImage image)
    {
        var showing = new CallShowing { _queue = image.Queue, _parkingLot = image.ParkingLot, Version = image.Version };
        foreach (var leg in image.Legs)
        {
            showing._legs[leg.Name] = new ShownLeg
            {
                Version = leg.Version,
                State = leg.State,
                StoredRecording = leg.StoredRecording,
                Announced = leg.Announced,
                Originating = leg.Originating,
            };
        }

        return showing;
    }

    private sealed class ShownLeg
    {
        public long Version { get; set; }

        public ChannelState? State { get; set; }

        public string? StoredRecording { get; set; }

        /// <summary>The picture the feed last announced (null before the first), and whether the leg placed the call.</summary>
        public ChannelSnapshot? Announced { get; set; }

        public bool Originating { get; set; }
    }
}

/// <summary>What a call has shown, as it takes it to another silo (see <see cref="CallShowing.Image"/>).</summary>
[GenerateSerializer, Immutable, Alias("pbx.call-showing")]
internal sealed record class CallShowingImage(
    [property: Id(0)] ImmutableArray<ShownLegImage> Legs,
    [property: Id(1)] string? Queue,
    [property: Id(2)] string? ParkingLot,
    [property: Id(3)] long Version);

[GenerateSerializer, Immutable, Alias("pbx.call-shown-leg")]
internal sealed record class ShownLegImage(
    [property: Id(0)] string Name,
    [property: Id(1)] long Version,
    [property: Id(2)] ChannelState? State,
    [property: Id(3)] string? StoredRecording,
    [property: Id(4)] ChannelSnapshot? Announced,
    [property: Id(5)] bool Originating);
