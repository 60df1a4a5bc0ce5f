using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.StateMachines;

/// <summary>
/// The rules of a call queue: callers join and wait in arrival order; the longest-waiting caller without an offer is
/// offered to free, unpaused members of the lowest penalty available, chosen by the strategy; statistics follow
/// app_queue's definitions. A plain class: the grain feeds it times and device states and carries out the offers.
/// </summary>
public sealed partial class QueueMachine(QueueConfig config, Random random)
{
    private readonly List<Member> _members = [.. config.Members.Select(m => new Member(Normalise(m), dynamic: false))];
    private readonly List<Caller> _waiting = [];
    private readonly List<Caller> _connected = [];
    private long _nextOfferId;
    private string? _lastTaker;

    public QueueConfig Config { get; private set; } = config;

    public QueueStatistics Statistics { get; private set; } = new() { ServiceLevelSeconds = config.ServiceLevelSeconds };

    public int WaitingCount => _waiting.Count;

    /// <summary>Callers that wait without an outstanding offer: the queue has work to do for them.</summary>
    public bool HasUnofferedCallers => _waiting.Any(c => c.Offers.Count == 0);

    /// <summary>The members the queue itself does not hold back (paused, ringing or in a call of this queue, wrapping up): only their phones matter to <see cref="Distribute"/>.</summary>
    public IEnumerable<string> ExtensionsThatMayTakeACall(DateTimeOffset now) => _members.Where(m => m.CanTakeCall(now)).Select(m => m.Extension);

    /// <summary>
    /// Replaces the configuration; static members are replaced, dynamic ones and all counters are kept. A member added
    /// or unpaused is available from <paramref name="at"/>.
    /// </summary>
    public void Reconfigure(QueueConfig next, DateTimeOffset at = default)
    {
        var previous = _members.ToDictionary(m => m.Extension, StringComparer.Ordinal);
        _members.RemoveAll(m => !m.Dynamic);
        var statics = next.Members.Select(Normalise).Select(m =>
            previous.TryGetValue(m.Extension, out var old) ? old.Reconfigured(m, at) : new Member(m, dynamic: false).Available(at)).ToList();
        _members.InsertRange(0, statics.Where(s => _members.All(d => d.Extension != s.Extension)));
        Config = next;
        Statistics = Statistics with { ServiceLevelSeconds = next.ServiceLevelSeconds };
    }

    public PbxResult<int> Join(QueueEntry entry, DateTimeOffset now)
    {
        var existing = _waiting.FindIndex(c => c.Entry.CallId == entry.CallId);
        if (existing >= 0)
        {
            return PbxResult<int>.Success(existing + 1);
        }

        if (Config.MaxCallers > 0 && _waiting.Count >= Config.MaxCallers)
        {
            return PbxResult<int>.Fail(DomainError.QueueFull, $"queue {Config.Name} holds its maximum of {Config.MaxCallers} callers");
        }

        // Callers wait in the order they arrived, which is not always the order their calls' messages came in (the
        // host handles two arrivals close together in either order): a late one goes before those who came after it.
        var behind = _waiting.FindIndex(c => c.Entered > now);
        var position = behind < 0 ? _waiting.Count : behind;
        _waiting.Insert(position, new Caller(entry, now));
        Statistics = Statistics with { Offered = Statistics.Offered + 1 };
        return PbxResult<int>.Success(position + 1);
    }

    /// <summary>A waiting caller hung up. Returns false when the call was not waiting here.</summary>
    public bool Abandon(string callId, DateTimeOffset now)
    {
        var caller = _waiting.Find(c => c.Entry.CallId == callId);
        if (caller is null)
        {
            return false;
        }

        _waiting.Remove(caller);
        FreeOffers(caller, exceptOfferId: null, now);
        if (caller.CountedInStatistics)
        {
            Statistics = Statistics with
            {
                Abandoned = Statistics.Abandoned + 1,
                AbandonedAfterWaiting = Statistics.AbandonedAfterWaiting + (caller.HadToWait ? 1 : 0),
                TotalAbandonWaitSeconds = Statistics.TotalAbandonWaitSeconds + Seconds(now - caller.Entered),
            };
        }

        return true;
    }

    /// <summary>
    /// Offers waiting callers, longest-waiting first, to the members that can take a call now. Returns the offers the
    /// grain must send (several for one caller under ringall), each stamped with the instant it became possible (see
    /// <see cref="OfferInstant"/>): the call rings the member from then, not from whenever the offer reaches it.
    /// </summary>
    public IReadOnlyList<(string CallId, QueueOffer Offer)> Distribute(DateTimeOffset now, Func<string, DeviceState> deviceState)
    {
        var offers = new List<(string, QueueOffer)>();

        // Who is free changes only when an offer is made: worked out once per change, not once per waiting caller
        // (a queue of many callers looks again whenever a member is freed).
        List<Member>? available = null;
        foreach (var caller in _waiting)
        {
            if (caller.Offers.Count > 0 || caller.NextAttemptAt > now)
            {
                continue;
            }

            available ??= _members.Where(m => m.CanTakeCall(now) && DeviceStateRules.IsFree(deviceState(m.Extension))).ToList();
            if (!caller.Looked)
            {
                // Erlang's "delayed" call is decided once, on arrival: a later round finding everyone busy (after an
                // offer that was not answered) does not make it one.
                caller.Looked = true;
                caller.HadToWait = available.Count == 0;
            }

            if (available.Count == 0)
            {
                continue;
            }

            var untried = available.Where(m => !caller.Tried.Contains(m.Extension)).ToList();
            if (untried.Count == 0)
            {
                // Everyone free was tried once: app_queue waits 'retry' seconds before the next round.
                caller.Tried.Clear();
                caller.NextAttemptAt = now.AddSeconds(Config.RetrySeconds);
                continue;
            }

            var tier = untried.Min(m => m.Penalty);
            foreach (var member in Choose([.. untried.Where(m => m.Penalty == tier)]))
            {
                var offer = new QueueOffer(Config.Name, member.Interface, member.Extension, member.AgentId, Config.MemberTimeoutSeconds, ++_nextOfferId, OfferInstant(caller, member, now));
                member.BusyWithCall = caller.Entry.CallId;
                caller.Offers[offer.OfferId] = member.Extension;
                caller.Tried.Add(member.Extension);
                offers.Add((caller.Entry.CallId, offer));
                available = null;
            }
        }

        return offers;
    }

    /// <summary>
    /// The caller's call reports an offer's outcome. On an answer the caller is connected and every other offer for it
    /// is withdrawn; the answering member is returned.
    /// </summary>
    public QueueMemberView? OfferResult(string callId, long offerId, bool answered, string? memberChannel, DateTimeOffset now)
    {
        var caller = _waiting.Find(c => c.Entry.CallId == callId);
        if (caller is null || !caller.Offers.TryGetValue(offerId, out var extension))
        {
            return null;
        }

        var member = _members.Find(m => m.Extension == extension);
        if (!answered)
        {
            caller.Offers.Remove(offerId);
            if (member is not null && member.BusyWithCall == callId)
            {
                member.BusyWithCall = null;
                member.Freed(now);
            }

            return null;
        }

        FreeOffers(caller, exceptOfferId: offerId, now);
        _waiting.Remove(caller);
        caller.Connected = now;
        caller.MemberExtension = extension;
        caller.MemberInterface = member?.Interface ?? extension;
        caller.MemberChannel = memberChannel;
        _connected.Add(caller);

        // The wait runs from arrival at the queue to the member's answer: the member's ring time is part of it.
        var waited = Seconds(now - caller.Entered);
        if (caller.CountedInStatistics)
        {
            Statistics = Statistics with
            {
                Answered = Statistics.Answered + 1,
                AnsweredAfterWaiting = Statistics.AnsweredAfterWaiting + (caller.HadToWait ? 1 : 0),
                TotalWaitSeconds = Statistics.TotalWaitSeconds + waited,
                MaxWaitSeconds = Math.Max(Statistics.MaxWaitSeconds, waited),
                AnsweredWithinServiceLevel = Statistics.AnsweredWithinServiceLevel + (waited <= Config.ServiceLevelSeconds ? 1 : 0),
            };
        }

        if (member is null)
        {
            return null;
        }

        member.InCall = true;
        member.BusyWithCall = callId;
        member.CallsTaken++;
        _lastTaker = member.Extension;
        return member.View;
    }

    /// <summary>A connected caller's call ended: the member goes into wrap-up.</summary>
    public bool Complete(string callId, DateTimeOffset now)
    {
        var caller = _connected.Find(c => c.Entry.CallId == callId);
        if (caller is null)
        {
            return false;
        }

        _connected.Remove(caller);
        var talk = Seconds(now - caller.Connected!.Value);

        // Occupancy is measured from the statistics' start: a call connected before a reset counts from the reset.
        var talkSinceReset = Seconds(now - (caller.Connected.Value > Statistics.Since ? caller.Connected.Value : Statistics.Since));
        Statistics = Statistics with { Completed = Statistics.Completed + 1, TotalTalkSeconds = Statistics.TotalTalkSeconds + talk };
        var member = _members.Find(m => m.Extension == caller.MemberExtension);
        if (member is not null && member.BusyWithCall == callId)
        {
            member.InCall = false;
            member.BusyWithCall = null;
            member.TalkSeconds += talkSinceReset;

            // app_queue's lastcall is when the member last hung up a queue call; leastrecent orders by it.
            member.LastCall = now;
            var wrapUp = Config.WrapUpTime is { } drawn ? Simulation.Sampler.DrawSeconds(drawn, random) : Config.WrapUpSeconds;
            member.WrapUpUntil = wrapUp > 0 ? now.AddSeconds(wrapUp) : null;
            member.Freed(member.WrapUpUntil ?? now);
        }

        return true;
    }

    /// <summary>Adds a dynamic member, available from <paramref name="at"/> (default: whenever).</summary>
    public PbxResult AddMember(QueueMemberConfig config, DateTimeOffset at = default)
    {
        var normalised = Normalise(config);
        if (_members.Any(m => m.Extension == normalised.Extension))
        {
            return PbxResult.Fail(DomainError.QueueMemberExists, $"{normalised.Interface} is already a member of {Config.Name}");
        }

        var member = new Member(normalised, dynamic: true);
        member.Freed(at);
        _members.Add(member);
        return PbxResult.Ok;
    }

    public PbxResult RemoveMember(string extension)
    {
        var member = _members.Find(m => m.Extension == extension);
        if (member is null)
        {
            return PbxResult.Fail(DomainError.QueueMemberNotFound, $"{extension} is not a member of {Config.Name}");
        }

        _members.Remove(member);
        return PbxResult.Ok;
    }

    /// <summary>Pauses or unpauses a member; unpaused, it is available from <paramref name="at"/> (default: whenever).</summary>
    public PbxResult Pause(string extension, bool paused, string reason, DateTimeOffset at = default)
    {
        var member = _members.Find(m => m.Extension == extension);
        if (member is null)
        {
            return PbxResult.Fail(DomainError.QueueMemberNotFound, $"{extension} is not a member of {Config.Name}");
        }

        member.Paused = paused;
        member.PauseReason = paused ? reason : "";
        if (!paused)
        {
            member.Freed(at);
        }

        return PbxResult.Ok;
    }

    /// <summary>
    /// Clears the statistics; they count again from <paramref name="since"/> (member occupancy is measured from it).
    /// Callers waiting now were offered in the period that ends: the new one counts neither their answer nor their
    /// abandon, so it never answers more calls than it was offered.
    /// </summary>
    public void ResetStatistics(DateTimeOffset since = default)
    {
        Statistics = new QueueStatistics { ServiceLevelSeconds = Config.ServiceLevelSeconds, Since = since };
        foreach (var caller in _waiting)
        {
            caller.CountedInStatistics = false;
        }

        // As app_queue's reset (clear_queue): members' call counts and last calls go too, which fewestcalls and
        // leastrecent then start from afresh.
        foreach (var member in _members)
        {
            member.TalkSeconds = 0;
            member.CallsTaken = 0;
            member.LastCall = null;
        }
    }

    /// <summary>Dynamic members, which the grain persists so that logins survive a restart.</summary>
    public ImmutableArray<QueueMemberConfig> DynamicMembers => [.. _members.Where(m => m.Dynamic).Select(m => m.Config)];

    public void RestoreDynamicMembers(IEnumerable<QueueMemberConfig> members)
    {
        foreach (var member in members)
        {
            AddMember(member);
        }
    }

    /// <summary>A member's phone, found busy, was freed at <paramref name="at"/> (its extension's report).</summary>
    public void PhoneFreed(string extension, DateTimeOffset at) => _members.Find(m => m.Extension == extension)?.Freed(at);

    /// <summary>When the queue should look again without being asked: a retry pause or a wrap-up ends.</summary>
    public DateTimeOffset? NextWakeUp(DateTimeOffset now)
    {
        if (_waiting.Count == 0)
        {
            return null;
        }

        var times = _waiting.Where(c => c.Offers.Count == 0 && c.NextAttemptAt > now).Select(c => c.NextAttemptAt)
            .Concat(_members.Where(m => m.WrapUpUntil > now).Select(m => m.WrapUpUntil!.Value));
        return times.Any() ? times.Min() : null;
    }

    public QueueSnapshot Snapshot(long version)
    {
        var calls = ImmutableArray.CreateBuilder<QueueCallerView>(_waiting.Count + _connected.Count);
        for (var i = 0; i < _waiting.Count; i++)
        {
            calls.Add(_waiting[i].View(i + 1));
        }

        foreach (var caller in _connected.OrderBy(c => c.Entered))
        {
            calls.Add(caller.View(0));
        }

        return new QueueSnapshot
        {
            Name = Config.Name,
            Exists = true,
            Version = version,
            Calls = calls.MoveToImmutable(),
            Members = [.. _members.Select(m => m.View)],
            Statistics = Statistics,
            Config = Config,
        };
    }

    private IEnumerable<Member> Choose(List<Member> tier)
    {
        switch (Config.Strategy)
        {
            case QueueStrategy.RingAll:
                return tier;
            case QueueStrategy.Linear:
                return [tier[0]];
            case QueueStrategy.Random:
                return [tier[random.Next(tier.Count)]];
            case QueueStrategy.LeastRecent:
                return [tier.OrderBy(m => m.LastCall ?? DateTimeOffset.MinValue).First()];
            case QueueStrategy.FewestCalls:
                return [tier.OrderBy(m => m.CallsTaken).First()];
            default:
                // Round robin (rrordered, rrmemory): the next member after the one that took the last call, in member order.
                var last = _lastTaker is null ? -1 : _members.FindIndex(m => m.Extension == _lastTaker);
                var next = tier.OrderBy(m => (_members.IndexOf(m) - last - 1 + _members.Count) % _members.Count).First();
                return [next];
        }
    }

    /// <summary>
    /// When an offer became possible: the later of the caller being ready (its arrival, or the end of its retry pause)
    /// and the member being available (freed, added, unpaused, its phone freed), never after <paramref name="now"/>.
    /// The grain hears of those events in the order their messages arrive, which on a host that falls behind is not
    /// always the order they happened: its now may already be past an event that came late, and the offer must not
    /// carry that.
    /// </summary>
    private static DateTimeOffset OfferInstant(Caller caller, Member member, DateTimeOffset now)
    {
        var possible = caller.NextAttemptAt > member.AvailableSince ? caller.NextAttemptAt : member.AvailableSince;
        return possible < now ? possible : now;
    }

    private void FreeOffers(Caller caller, long? exceptOfferId, DateTimeOffset now)
    {
        foreach (var (offerId, extension) in caller.Offers)
        {
            if (offerId == exceptOfferId)
            {
                continue;
            }

            var member = _members.Find(m => m.Extension == extension);
            if (member is not null && member.BusyWithCall == caller.Entry.CallId)
            {
                member.BusyWithCall = null;
                member.Freed(now);
            }
        }

        caller.Offers.Clear();
    }

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);

    private static QueueMemberConfig Normalise(QueueMemberConfig member) =>
        string.IsNullOrEmpty(member.Interface) ? member with { Interface = $"SIP/{member.Extension}" } : member;

    private sealed partial class Member(QueueMemberConfig config, bool dynamic)
    {
        public QueueMemberConfig Config { get; private set; } = config;

        public bool Dynamic { get; } = dynamic;

        public string Extension => Config.Extension;

        public string Interface => Config.Interface;

        public string? AgentId => Config.AgentId;

        public int Penalty => Config.Penalty;

        public bool Paused { get; set; } = config.Paused;

        public string PauseReason { get; set; } = "";

        public string? BusyWithCall { get; set; }

        public bool InCall { get; set; }

        public int CallsTaken { get; set; }

        public DateTimeOffset? LastCall { get; set; }

        public double TalkSeconds { get; set; }

        public DateTimeOffset? WrapUpUntil { get; set; }

        /// <summary>The last instant the member became available (freed, added, unpaused, its phone freed); not shown.</summary>
        public DateTimeOffset AvailableSince { get; set; }

        public void Freed(DateTimeOffset at) => AvailableSince = at > AvailableSince ? at : AvailableSince;

        public bool CanTakeCall(DateTimeOffset now) => !Paused && BusyWithCall is null && !(WrapUpUntil > now);

        public Member Reconfigured(QueueMemberConfig next, DateTimeOffset at)
        {
            if (Paused && !next.Paused)
            {
                Freed(at);
            }

            Config = next;
            Paused = next.Paused;
            return this;
        }

        public Member Available(DateTimeOffset at)
        {
            Freed(at);
            return this;
        }

        public QueueMemberView View => new()
        {
            Interface = Interface,
            Extension = Extension,
            MemberName = Config.MemberName,
            Penalty = Penalty,
            Paused = Paused,
            PauseReason = PauseReason,
            Dynamic = Dynamic,
            AgentId = AgentId,
            CallsTaken = CallsTaken,
            LastCall = LastCall,
            BusyWithCall = BusyWithCall,
            InCall = InCall,
            TalkSeconds = TalkSeconds,
            WrapUpUntil = WrapUpUntil,
        };
    }

    private sealed partial class Caller(QueueEntry entry, DateTimeOffset entered)
    {
        public QueueEntry Entry { get; } = entry;

        public DateTimeOffset Entered { get; } = entered;

        /// <summary>Outstanding offers: offer id → member extension.</summary>
        public Dictionary<long, string> Offers { get; } = [];

        /// <summary>Members tried in the current round.</summary>
        public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset NextAttemptAt { get; set; } = entered;

        /// <summary>The queue has looked for a member for this caller at least once (on arrival).</summary>
        public bool Looked { get; set; }

        /// <summary>No member was free at the queue's first look, on arrival: it had to wait (Erlang C's "delayed" call).</summary>
        public bool HadToWait { get; set; }

        /// <summary>False for a caller that was already waiting when the statistics were reset.</summary>
        public bool CountedInStatistics { get; set; } = true;

        public DateTimeOffset? Connected { get; set; }

        public string? MemberExtension { get; set; }

        public string? MemberInterface { get; set; }

        public string? MemberChannel { get; set; }

        public QueueCallerView View(int position) => new()
        {
            CallId = Entry.CallId,
            CallerIdNumber = Entry.CallerIdNumber,
            CallerIdName = Entry.CallerIdName,
            Channel = Entry.Channel,
            Entered = Entered,
            Position = position,
            Status = Connected is not null ? QueueCallerStatus.Connected : Offers.Count > 0 ? QueueCallerStatus.Ringing : QueueCallerStatus.Waiting,
            Connected = Connected,
            MemberInterface = MemberInterface,
            MemberExtension = MemberExtension,
            AgentChannel = MemberChannel,
        };
    }
}
