using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

[GenerateSerializer, Immutable, Alias("pbx.queue-config")]
public sealed record class QueueConfig
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>The number that dials the queue.</summary>
    [Id(1)] public string? Number { get; init; }

    [Id(2)] public QueueStrategy Strategy { get; init; } = QueueStrategy.RingAll;

    /// <summary>0 means unlimited.</summary>
    [Id(3)] public int MaxCallers { get; init; }

    [Id(4)] public int ServiceLevelSeconds { get; init; } = 60;

    /// <summary>How long one member is rung before the queue tries the next (app_queue's timeout).</summary>
    [Id(5)] public int MemberTimeoutSeconds { get; init; } = 15;

    /// <summary>Pause before the queue tries members again after a ring cycle that found nobody (app_queue's retry).</summary>
    [Id(6)] public int RetrySeconds { get; init; } = 5;

    [Id(7)] public int WrapUpSeconds { get; init; }

    /// <summary>Static members, configured with the queue.</summary>
    [Id(8)] public ImmutableArray<QueueMemberConfig> Members { get; init; } = [];

    [Id(9)] public string DisplayName { get; init; } = "";

    /// <summary>A drawn wrap-up time after each call; when set it replaces <see cref="WrapUpSeconds"/>.</summary>
    [Id(10)] public Distribution? WrapUpTime { get; init; }

    /// <summary>Seeds the queue's draws (the random strategy, wrap-up times); the tenant derives it from its own seed.</summary>
    [Id(11)] public int Seed { get; init; }
}

/// <summary>A queue member: a phone (extension) or an agent logged in at an extension.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-member-config")]
public sealed record class QueueMemberConfig
{
    /// <summary>The extension that is rung.</summary>
    [Id(0)] public required string Extension { get; init; }

    [Id(1)] public int Penalty { get; init; }

    [Id(2)] public bool Paused { get; init; }

    /// <summary>The agent behind the member, when it is an agent rather than a bare phone.</summary>
    [Id(3)] public string? AgentId { get; init; }

    [Id(4)] public string MemberName { get; init; } = "";

    /// <summary>The interface rung, e.g. <c>SIP/4002</c>; filled from the extension when left empty.</summary>
    [Id(5)] public string Interface { get; init; } = "";
}

public enum QueueCallerStatus
{
    Waiting = 0,
    Ringing = 1,
    Connected = 2,
}

/// <summary>A call in a queue, waiting or connected.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-caller")]
public sealed record class QueueCallerView
{
    [Id(0)] public required string CallId { get; init; }

    [Id(1)] public string CallerIdNumber { get; init; } = "";

    [Id(2)] public string CallerIdName { get; init; } = "";

    [Id(3)] public string Channel { get; init; } = "";

    [Id(4)] public DateTimeOffset Entered { get; init; }

    /// <summary>1-based position among waiting callers; 0 once connected.</summary>
    [Id(5)] public int Position { get; init; }

    [Id(6)] public QueueCallerStatus Status { get; init; }

    [Id(7)] public DateTimeOffset? Connected { get; init; }

    /// <summary>The member interface handling the call (e.g. <c>SIP/4002</c>), once connected.</summary>
    [Id(8)] public string? MemberInterface { get; init; }

    [Id(9)] public string? MemberExtension { get; init; }

    [Id(10)] public string? AgentChannel { get; init; }

    /// <summary>Seconds waited before being connected (whole seconds, as app_queue reports holdtime).</summary>
    public int WaitedSeconds => Connected is { } c ? (int)Math.Max(0, (c - Entered).TotalSeconds) : 0;
}

[GenerateSerializer, Immutable, Alias("pbx.queue-member")]
public sealed record class QueueMemberView
{
    [Id(0)] public required string Interface { get; init; }

    [Id(1)] public required string Extension { get; init; }

    [Id(2)] public string MemberName { get; init; } = "";

    [Id(3)] public int Penalty { get; init; }

    [Id(4)] public bool Paused { get; init; }

    [Id(5)] public string PauseReason { get; init; } = "";

    /// <summary>Added at runtime (an agent login or an API call) rather than configured with the queue.</summary>
    [Id(6)] public bool Dynamic { get; init; }

    [Id(7)] public string? AgentId { get; init; }

    [Id(8)] public int CallsTaken { get; init; }

    [Id(9)] public DateTimeOffset? LastCall { get; init; }

    /// <summary>The queue call the member is ringing for or talking on.</summary>
    [Id(10)] public string? BusyWithCall { get; init; }

    [Id(11)] public bool InCall { get; init; }

    [Id(12)] public double TalkSeconds { get; init; }

    [Id(13)] public DateTimeOffset? WrapUpUntil { get; init; }
}

/// <summary>Queue statistics since the queue was configured or last reset.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-stats")]
public sealed record class QueueStatistics
{
    /// <summary>Callers that entered the queue in this period (those waiting at a reset belong to the period before).</summary>
    [Id(0)] public long Offered { get; init; }

    /// <summary>Callers of this period connected to a member.</summary>
    [Id(1)] public long Answered { get; init; }

    /// <summary>Connected queue calls that ended in this period (talk time is counted over these).</summary>
    [Id(2)] public long Completed { get; init; }

    /// <summary>Callers of this period that hung up before a member answered.</summary>
    [Id(3)] public long Abandoned { get; init; }

    /// <summary>
    /// Answered callers that found no member free when they arrived (the queue's first look at them): Erlang C's
    /// delayed calls. A caller offered at once to a member who then failed to answer is not one of them.
    /// </summary>
    [Id(4)] public long AnsweredAfterWaiting { get; init; }

    /// <summary>Sum over answered callers of the seconds from arrival at the queue to a member's answer (ring time included).</summary>
    [Id(5)] public double TotalWaitSeconds { get; init; }

    [Id(6)] public double MaxWaitSeconds { get; init; }

    [Id(7)] public double TotalTalkSeconds { get; init; }

    /// <summary>Answered callers whose wait (arrival to answer) was at most <see cref="ServiceLevelSeconds"/>.</summary>
    [Id(8)] public long AnsweredWithinServiceLevel { get; init; }

    [Id(9)] public int ServiceLevelSeconds { get; init; }

    [Id(10)] public double TotalAbandonWaitSeconds { get; init; }

    /// <summary>When these statistics started (the queue's configuration or the last reset).</summary>
    [Id(11)] public DateTimeOffset Since { get; init; }

    /// <summary>Abandoned callers that found no member free when they arrived (with <see cref="AnsweredAfterWaiting"/>: every delayed call).</summary>
    [Id(12)] public long AbandonedAfterWaiting { get; init; }

    /// <summary>The calls the period settled, answered or abandoned: what call centres report as offered calls.</summary>
    public long AnsweredOrAbandoned => Answered + Abandoned;

    /// <summary>Average seconds an answered call waited, from arrival at the queue to the answer, ring time included (app_queue's holdtime).</summary>
    public double AverageHoldSeconds => Answered == 0 ? 0 : TotalWaitSeconds / Answered;

    /// <summary>Average seconds in the queue of offered calls (answered: until the answer; abandoned: until the hang-up): Erlang A's Wq.</summary>
    public double OfferedAverageWaitSeconds => AnsweredOrAbandoned == 0 ? 0 : (TotalWaitSeconds + TotalAbandonWaitSeconds) / AnsweredOrAbandoned;

    public double AverageTalkSeconds => Completed == 0 ? 0 : TotalTalkSeconds / Completed;

    /// <summary>Share of offered calls (answered or abandoned) answered within the service level, in percent: the call-centre figure.</summary>
    public double OfferedServiceLevelPercent => AnsweredOrAbandoned == 0 ? 0 : 100.0 * AnsweredWithinServiceLevel / AnsweredOrAbandoned;

    /// <summary>Share of answered calls answered within the service level, in percent: app_queue's ServicelevelPerf.</summary>
    public double AnsweredServiceLevelPercent => Answered == 0 ? 0 : 100.0 * AnsweredWithinServiceLevel / Answered;

    /// <summary>Share of offered calls (answered or abandoned) that found no member free: Erlang C's and Erlang A's P(wait).</summary>
    public double OfferedProbabilityOfWaiting => AnsweredOrAbandoned == 0 ? 0 : (double)(AnsweredAfterWaiting + AbandonedAfterWaiting) / AnsweredOrAbandoned;

    /// <summary>Share of answered calls that found no member free.</summary>
    public double AnsweredProbabilityOfWaiting => Answered == 0 ? 0 : (double)AnsweredAfterWaiting / Answered;

    /// <summary>Share of offered calls (answered or abandoned) that were abandoned: Erlang A's P(abandon).</summary>
    public double ProbabilityOfAbandon => AnsweredOrAbandoned == 0 ? 0 : (double)Abandoned / AnsweredOrAbandoned;
}

/// <summary>The queue's published picture: served to pollers without touching the queue's mutable state.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-snapshot")]
public sealed record class QueueSnapshot
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public long Version { get; init; }

    /// <summary>Every active call: waiting ones by position first, then connected ones by entry time.</summary>
    [Id(2)] public ImmutableArray<QueueCallerView> Calls { get; init; } = [];

    [Id(3)] public ImmutableArray<QueueMemberView> Members { get; init; } = [];

    [Id(4)] public QueueStatistics Statistics { get; init; } = new();

    [Id(5)] public QueueConfig? Config { get; init; }

    [Id(6)] public bool Exists { get; init; }

    /// <summary>
    /// Which activation of the queue published the snapshot: <see cref="Version"/> restarts when the queue is
    /// reactivated, so a reader keys what it caches by both.
    /// </summary>
    [Id(7)] public long Epoch { get; init; }

    public int WaitingCount => Calls.Count(c => c.Status != QueueCallerStatus.Connected);
}

/// <summary>
/// A caller entering a queue, at <paramref name="At"/>: the simulated instant of the call's step that entered it
/// (default: whenever the queue hears of it).
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-entry")]
public sealed record class QueueEntry(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string CallerIdNumber,
    [property: Id(3)] string CallerIdName,
    [property: Id(4)] DateTimeOffset At = default);

/// <summary>The queue asks the caller's call to ring a member; <paramref name="At"/> is the queue's instant of the offer.</summary>
[GenerateSerializer, Immutable, Alias("pbx.queue-offer")]
public sealed record class QueueOffer(
    [property: Id(0)] string Queue,
    [property: Id(1)] string MemberInterface,
    [property: Id(2)] string Extension,
    [property: Id(3)] string? AgentId,
    [property: Id(4)] int RingTimeoutSeconds,
    [property: Id(5)] long OfferId,
    [property: Id(6)] DateTimeOffset At = default);
