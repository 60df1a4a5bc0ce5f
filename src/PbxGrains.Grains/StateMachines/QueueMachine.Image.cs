using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.StateMachines;

/// <summary>
/// The queue's whole transient state as one value, so that a queue whose silo stops gracefully can go on elsewhere
/// exactly where it was: its members' runtime (busy, in a call, wrap-up, calls taken, when each became available),
/// its waiting and connected callers with their outstanding offers and tried members, the statistics, the last offer
/// id (the calls hold offers by id) and the last member that took a call.
/// </summary>
public sealed partial class QueueMachine
{
    public QueueMachineImage Image() => new(
        Config,
        Statistics,
        [.. _members.Select(m => m.Image())],
        [.. _waiting.Select(c => c.Image())],
        [.. _connected.Select(c => c.Image())],
        _nextOfferId,
        _lastTaker);

    /// <summary>The machine an image was taken of, drawing (for its strategy and wrap-up times) from <paramref name="random"/>.</summary>
    public static QueueMachine Resume(QueueMachineImage image, Random random)
    {
        var machine = new QueueMachine(image.Config, random) { Statistics = image.Statistics };
        machine._members.Clear();
        machine._members.AddRange(image.Members.Select(Member.Resume));
        machine._waiting.AddRange(image.Waiting.Select(Caller.Resume));
        machine._connected.AddRange(image.Connected.Select(Caller.Resume));
        machine._nextOfferId = image.NextOfferId;
        machine._lastTaker = image.LastTaker;
        return machine;
    }

    private sealed partial class Member
    {
        public QueueMemberImage Image() => new(Config, Dynamic, Paused, PauseReason, BusyWithCall, InCall, CallsTaken, LastCall, TalkSeconds, WrapUpUntil, AvailableSince);

        public static Member Resume(QueueMemberImage image) => new(image.Config, image.Dynamic)
        {
            Paused = image.Paused,
            PauseReason = image.PauseReason,
            BusyWithCall = image.BusyWithCall,
            InCall = image.InCall,
            CallsTaken = image.CallsTaken,
            LastCall = image.LastCall,
            TalkSeconds = image.TalkSeconds,
            WrapUpUntil = image.WrapUpUntil,
            AvailableSince = image.AvailableSince,
        };
    }

    private sealed partial class Caller
    {
        public QueueCallerImage Image() => new(
            Entry,
            Entered,
            Offers.ToImmutableDictionary(),
            [.. Tried],
            NextAttemptAt,
            Looked,
            HadToWait,
            CountedInStatistics,
            Connected,
            MemberExtension,
            MemberInterface,
            MemberChannel);

        public static Caller Resume(QueueCallerImage image)
        {
            var caller = new Caller(image.Entry, image.Entered)
            {
                NextAttemptAt = image.NextAttemptAt,
                Looked = image.Looked,
                HadToWait = image.HadToWait,
                CountedInStatistics = image.CountedInStatistics,
                Connected = image.Connected,
                MemberExtension = image.MemberExtension,
                MemberInterface = image.MemberInterface,
                MemberChannel = image.MemberChannel,
            };
            foreach (var (offer, extension) in image.Offers)
            {
                caller.Offers[offer] = extension;
            }

            caller.Tried.UnionWith(image.Tried);
            return caller;
        }
    }
}

[GenerateSerializer, Immutable, Alias("pbx.queue-machine-image")]
public sealed record class QueueMachineImage(
    [property: Id(0)] QueueConfig Config,
    [property: Id(1)] QueueStatistics Statistics,
    [property: Id(2)] ImmutableArray<QueueMemberImage> Members,
    [property: Id(3)] ImmutableArray<QueueCallerImage> Waiting,
    [property: Id(4)] ImmutableArray<QueueCallerImage> Connected,
    [property: Id(5)] long NextOfferId,
    [property: Id(6)] string? LastTaker);

[GenerateSerializer, Immutable, Alias("pbx.queue-member-image")]
public sealed record class QueueMemberImage(
    [property: Id(0)] QueueMemberConfig Config,
    [property: Id(1)] bool Dynamic,
    [property: Id(2)] bool Paused,
    [property: Id(3)] string PauseReason,
    [property: Id(4)] string? BusyWithCall,
    [property: Id(5)] bool InCall,
    [property: Id(6)] int CallsTaken,
    [property: Id(7)] DateTimeOffset? LastCall,
    [property: Id(8)] double TalkSeconds,
    [property: Id(9)] DateTimeOffset? WrapUpUntil,
    [property: Id(10)] DateTimeOffset AvailableSince);

[GenerateSerializer, Immutable, Alias("pbx.queue-caller-image")]
public sealed record class QueueCallerImage(
    [property: Id(0)] QueueEntry Entry,
    [property: Id(1)] DateTimeOffset Entered,
    [property: Id(2)] ImmutableDictionary<long, string> Offers,
    [property: Id(3)] ImmutableArray<string> Tried,
    [property: Id(4)] DateTimeOffset NextAttemptAt,
    [property: Id(5)] bool Looked,
    [property: Id(6)] bool HadToWait,
    [property: Id(7)] bool CountedInStatistics,
    [property: Id(8)] DateTimeOffset? Connected,
    [property: Id(9)] string? MemberExtension,
    [property: Id(10)] string? MemberInterface,
    [property: Id(11)] string? MemberChannel);
