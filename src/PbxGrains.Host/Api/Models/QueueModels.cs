using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Host.Api.Models;

/// <summary>A queue's published snapshot: configuration, calls, members and statistics.</summary>
public sealed record class QueueResponse(
    string Name,
    string? Number,
    string DisplayName,
    string Strategy,
    int MaxCallers,
    int ServiceLevel,
    int MemberTimeout,
    int Retry,
    int WrapUp,
    int Waiting,
    IReadOnlyList<QueueCallerResponse> Calls,
    IReadOnlyList<QueueMemberResponse> Members,
    QueueStatisticsResponse Statistics,
    long Version);

public sealed record class QueueCallerResponse(
    string CallId,
    string CallerIdNumber,
    string CallerIdName,
    string Channel,
    QueueCallerStatus Status,
    int Position,
    DateTimeOffset Entered,
    DateTimeOffset? Connected,
    int WaitedSeconds,
    string? MemberInterface,
    string? MemberExtension,
    string? AgentChannel);

public sealed record class QueueMemberResponse(
    string Interface,
    string Extension,
    string MemberName,
    string? AgentId,
    int Penalty,
    bool Paused,
    string PauseReason,
    bool Dynamic,
    bool InCall,
    string? BusyWithCall,
    int CallsTaken,
    DateTimeOffset? LastCall,
    double TalkSeconds,
    DateTimeOffset? WrapUpUntil,
    double Occupancy);

/// <summary>
/// A queue's statistics as call centres define them: <c>serviceLevelPercent</c>, <c>probabilityOfWaiting</c>,
/// <c>probabilityOfAbandon</c> and <c>averageWaitSeconds</c> are over offered calls (answered + abandoned), the
/// <c>answered…</c> fields over answered calls only; the speed of answer runs from arrival at the queue to the
/// member's answer, ring time included.
/// </summary>
public sealed record class QueueStatisticsResponse(
    long Offered,
    long Answered,
    long Completed,
    long Abandoned,
    double AverageHoldSeconds,
    double AverageTalkSeconds,
    double MaxWaitSeconds,
    int ServiceLevelSeconds,
    long AnsweredWithinServiceLevel,
    double ServiceLevelPercent,
    double AnsweredServiceLevelPercent,
    double ProbabilityOfWaiting,
    double AnsweredProbabilityOfWaiting,
    long AnsweredAfterWaiting,
    long AbandonedAfterWaiting,
    double ProbabilityOfAbandon,
    double AverageSpeedOfAnswerSeconds,
    double AverageWaitSeconds,
    double AverageAbandonWaitSeconds,
    DateTimeOffset Since);

public static class QueueMapping
{
    /// <param name="now">The simulation clock's now, against which member occupancy is measured.</param>
    public static QueueResponse AsResponse(this QueueSnapshot snapshot, DateTimeOffset now)
    {
        var config = snapshot.Config ?? new QueueConfig { Name = snapshot.Name };
        return new(
            snapshot.Name,
            config.Number,
            config.DisplayName,
            Choices.NameOf(Choices.QueueStrategies, config.Strategy),
            config.MaxCallers,
            config.ServiceLevelSeconds,
            config.MemberTimeoutSeconds,
            config.RetrySeconds,
            config.WrapUpSeconds,
            snapshot.WaitingCount,
            [.. snapshot.Calls.Select(c => c.AsResponse())],
            [.. snapshot.Members.Select(m => m.AsResponse(snapshot.Statistics.Since, now))],
            snapshot.Statistics.AsResponse(),
            snapshot.Version);
    }

    public static QueueCallerResponse AsResponse(this QueueCallerView caller) => new(
        caller.CallId,
        caller.CallerIdNumber,
        caller.CallerIdName,
        caller.Channel,
        caller.Status,
        caller.Position,
        caller.Entered,
        caller.Connected,
        caller.WaitedSeconds,
        caller.MemberInterface,
        caller.MemberExtension,
        caller.AgentChannel);

    /// <summary>A member's occupancy is the share of the time since the statistics started spent on completed queue calls.</summary>
    public static QueueMemberResponse AsResponse(this QueueMemberView member, DateTimeOffset since, DateTimeOffset now) => new(
        member.Interface,
        member.Extension,
        member.MemberName,
        member.AgentId,
        member.Penalty,
        member.Paused,
        member.PauseReason,
        member.Dynamic,
        member.InCall,
        member.BusyWithCall,
        member.CallsTaken,
        member.LastCall,
        member.TalkSeconds,
        member.WrapUpUntil,
        now > since ? Math.Min(1, member.TalkSeconds / (now - since).TotalSeconds) : 0);

    public static QueueStatisticsResponse AsResponse(this QueueStatistics statistics) => new(
        statistics.Offered,
        statistics.Answered,
        statistics.Completed,
        statistics.Abandoned,
        statistics.AverageHoldSeconds,
        statistics.AverageTalkSeconds,
        statistics.MaxWaitSeconds,
        statistics.ServiceLevelSeconds,
        statistics.AnsweredWithinServiceLevel,
        statistics.OfferedServiceLevelPercent,
        statistics.AnsweredServiceLevelPercent,
        statistics.OfferedProbabilityOfWaiting,
        statistics.AnsweredProbabilityOfWaiting,
        statistics.AnsweredAfterWaiting,
        statistics.AbandonedAfterWaiting,
        statistics.ProbabilityOfAbandon,
        statistics.AverageHoldSeconds,
        statistics.OfferedAverageWaitSeconds,
        statistics.Abandoned == 0 ? 0 : statistics.TotalAbandonWaitSeconds / statistics.Abandoned,
        statistics.Since);
}
