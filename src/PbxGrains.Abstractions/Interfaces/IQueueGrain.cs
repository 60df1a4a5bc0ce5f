using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A call queue (key <c>{tenant}/{queue name}</c>). Calls join, leave and report offers; agents add and pause
/// members. The queue asks extensions for their device state (and hears from them, one way, when a busy member is
/// freed) and sends offers to calls one way only, so no call that awaits the queue can be awaited by it.
/// </summary>
[Alias("pbx.IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task<PbxResult> ConfigureAsync(QueueConfig config);

    [Alias("Remove")]
    Task RemoveAsync();

    /// <summary>
    /// The published picture. Interleaves with everything: it only returns the immutable snapshot reference the
    /// queue swaps in after each change, and never awaits, so a poll never waits behind the queue's own work.
    /// </summary>
    [AlwaysInterleave, SafeToResend, Alias("GetSnapshot")]
    Task<QueueSnapshot> GetSnapshotAsync();

    /// <summary>
    /// The published picture, or null when it is still the one the caller has (same epoch and version): a reader in
    /// another process then pays a small message instead of the whole snapshot. Interleaves for the same reason as
    /// <see cref="GetSnapshotAsync"/>.
    /// </summary>
    [AlwaysInterleave, SafeToResend, Alias("GetSnapshotIfChanged")]
    Task<QueueSnapshot?> GetSnapshotIfChangedAsync(long epoch, long version);

    /// <summary>A caller enters; returns its 1-based position.</summary>
    [Alias("Join")]
    Task<PbxResult<int>> JoinAsync(QueueEntry entry);

    /// <summary>The caller hung up before being connected, at <paramref name="at"/> (the call's simulated instant, as every <c>at</c> here).</summary>
    [Alias("Abandon")]
    Task AbandonAsync(string callId, DateTimeOffset at);

    /// <summary>The call reports what became of an offer: answered (connected) or not.</summary>
    [Alias("OfferResult")]
    Task OfferResultAsync(string callId, long offerId, bool answered, string? memberChannel, DateTimeOffset at);

    /// <summary>A connected queue call ended.</summary>
    [Alias("Complete")]
    Task CompleteAsync(string callId, DateTimeOffset at);

    [Alias("AddMember")]
    Task<PbxResult> AddMemberAsync(QueueMemberConfig member);

    [Alias("RemoveMember")]
    Task<PbxResult> RemoveMemberAsync(string extension);

    [Alias("PauseMember")]
    Task<PbxResult> PauseMemberAsync(string extension, bool paused, string reason);

    [Alias("ResetStatistics")]
    Task ResetStatisticsAsync();

    /// <summary>
    /// A member's extension, which the queue found not free while callers waited, is free now (one way: the
    /// extension never waits on a queue). The queue looks at its callers again.
    /// </summary>
    [OneWay, Alias("OnMemberFreed")]
    Task OnMemberFreedAsync(string extension, DateTimeOffset at);

    [OneWay, Alias("OnTimer")]
    Task OnTimerAsync(long timerId);
}
