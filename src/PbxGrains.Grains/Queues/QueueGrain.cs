using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Events;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Queues;

/// <summary>
/// A call queue. Durable: its configuration and its dynamic members. Transient: the callers (a restarted PBX has no
/// calls) and the statistics, which move with the queue when its silo stops gracefully (<c>QueueGrain.Migration.cs</c>).
/// It awaits only extensions (for device states); it sends offers to calls one way, so a call awaiting the queue never
/// waits on itself. It never polls: a member the queue holds back itself (ringing, in a
/// call of this queue, wrapping up, a caller's retry pause) is looked at again on the queue's own event or timer, and
/// a member whose phone was busy otherwise is reported by its extension, one way, when it is freed
/// (<see cref="IExtensionGrain.WatchUntilFreeAsync"/>). After every change it swaps in a new immutable snapshot, which
/// pollers read without waiting for the queue's turn. Kept in memory while it is configured (its callers and
/// statistics live only here); an activation for a name that is no queue is collected when idle.
/// </summary>
public sealed partial class QueueGrain(
    [PersistentState("queue", PbxStorage.Name)] IPersistentState<QueueState> state,
    PbxClock clock,
    PbxMetrics metrics,
    TimerLag lag) : EntityGrain, IQueueGrain
{
    private QueueMachine? _machine;
    private QueueSnapshot _snapshot = null!;
    private long _version;

    // Distinguishes this activation's snapshots from an earlier one's, whose versions counted from 1 too (one that moved
    // here from a stopping silo keeps its predecessor's, and its versions).
    private long _epoch = Random.Shared.NextInt64(1, long.MaxValue);

    // The machine's draws (its strategy, drawn wrap-up times); resumable so that a queue that moves goes on with them.
    private ResumableRandom _random = new(1);
    private VirtualTimers _timers = null!;
    private long? _wakeUp;
    private int _reportedWaiting;

    // The queue's time: the instant of the event being handled (a call's step, a wake-up's due instant, a request's
    // arrival); never goes back. Transient, like the callers it times.
    private DateTimeOffset _now;

    private string Tenant => TenantKey.TenantOf(this.GetPrimaryKeyString());

    private string Name => TenantKey.NameOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var self = this.AsReference<IQueueGrain>();
        _timers = new VirtualTimers(clock.Time, self.OnTimerAsync, lag);
        if (TakeOverArrived())
        {
            return Task.CompletedTask;
        }

        if (state.State.Config is { } config)
        {
            _machine = NewMachine(config);
            _machine.RestoreDynamicMembers(state.State.DynamicMembers);
        }

        Publish();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stopped but not forgotten: an activation that moves to another silo hands its pending timers over (Dehydrate).
        _timers.Disarm();
        metrics.QueueWaitingChanged(-_reportedWaiting);
        _reportedWaiting = 0;
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<PbxResult> ConfigureAsync(QueueConfig config)
    {
        if (config.Name != Name)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"name {config.Name} does not match queue {Name}");
        }

        if (QueueRules.Check(config) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        if (_machine is null)
        {
            _machine = NewMachine(config);
        }
        else
        {
            _machine.Reconfigure(config, At(null));
        }

        await SaveAsync();
        await DistributeAsync(At(null));
        return PbxResult.Ok;
    }

    public async Task RemoveAsync()
    {
        await state.ClearStateAsync();
        state.State = new QueueState();
        _machine = null;

        // A removed queue has nobody to look for: its pending look must not stay behind on the clock.
        _timers.Cancel(_wakeUp);
        _wakeUp = null;
        Publish();
        DeactivateOnIdle();
    }

    public Task<QueueSnapshot> GetSnapshotAsync() => Task.FromResult(_snapshot);

    public Task<QueueSnapshot?> GetSnapshotIfChangedAsync(long epoch, long version) =>
        Task.FromResult(epoch == _snapshot.Epoch && version == _snapshot.Version ? null : _snapshot);

    public async Task<PbxResult<int>> JoinAsync(QueueEntry entry)
    {
        if (_machine is null)
        {
            return PbxResult<int>.Fail(DomainError.QueueNotFound, Name);
        }

        var now = At(entry.At == default ? null : entry.At);
        var position = _machine.Join(entry, Own(entry.At, now));
        if (position.IsOk)
        {
            await DistributeAsync(now);
        }

        return position;
    }

    public async Task AbandonAsync(string callId, DateTimeOffset at)
    {
        var now = At(at);
        var before = _machine?.Statistics;
        if (_machine?.Abandon(callId, Own(at, now)) == true)
        {
            CountOutcome(before!, _machine.Statistics);
            await DistributeAsync(now);
        }
    }

    public async Task OfferResultAsync(string callId, long offerId, bool answered, string? memberChannel, DateTimeOffset at)
    {
        if (_machine is null)
        {
            return;
        }

        var now = At(at);
        var before = _machine.Statistics;
        var member = _machine.OfferResult(callId, offerId, answered, memberChannel, Own(at, now));
        CountOutcome(before, _machine.Statistics);
        if (member?.AgentId is { } agent)
        {
            GrainFactory.Ref<IAgentGrain>(TenantKey.Of(Tenant, agent)).OnCallTakenAsync(Own(at, now)).Ignore();
        }

        await DistributeAsync(now);
    }

    public async Task CompleteAsync(string callId, DateTimeOffset at)
    {
        var now = At(at);
        if (_machine?.Complete(callId, Own(at, now)) == true)
        {
            await DistributeAsync(now);
        }
    }

    public Task<PbxResult> AddMemberAsync(QueueMemberConfig member) => ChangeMembersAsync(m => m.AddMember(member, At(null)));

    public Task<PbxResult> RemoveMemberAsync(string extension) => ChangeMembersAsync(m => m.RemoveMember(extension));

    public Task<PbxResult> PauseMemberAsync(string extension, bool paused, string reason) => ChangeMembersAsync(m => m.Pause(extension, paused, reason, At(null)));

    public Task ResetStatisticsAsync()
    {
        _machine?.ResetStatistics(At(null));
        Publish();
        return Task.CompletedTask;
    }

    public Task OnMemberFreedAsync(string extension, DateTimeOffset at)
    {
        var now = At(at);
        _machine?.PhoneFreed(extension, Own(at, now));
        return DistributeAsync(now, changed: false);
    }

    public async Task OnTimerAsync(long timerId)
    {
        if (_timers.Claim(timerId, out var due))
        {
            _wakeUp = null;
            await DistributeAsync(At(due), changed: false);
        }
    }

    /// <summary>
    /// The instant a call's message records for that call (its arrival, answer, hang-up): its own, even when the queue
    /// has already handled a later event (messages from different calls come in the order they arrive, not in the
    /// order they happened); what the queue decides from it happens at the queue's <paramref name="now"/>.
    /// </summary>
    private static DateTimeOffset Own(DateTimeOffset at, DateTimeOffset now) => at == default ? now : at;

    /// <summary>
    /// The queue's instant for the event being handled: its cause's (<paramref name="at"/>; a request from outside has
    /// none and happens now), never before the queue's previous event. A call's step reaches the queue a few real
    /// milliseconds after it happened, and on a scaled clock those become seconds: the wait, the offer and the
    /// statistics must not carry them.
    /// </summary>
    private DateTimeOffset At(DateTimeOffset? at)
    {
        var instant = at ?? clock.Now;
        if (instant < _now)
        {
            // Messages from different grains come in the order they arrive: this one happened before an event the
            // queue already acted on. Counted, so that a study knows how far it may be from the exact path.
            metrics.QueueMessageOutOfOrder();
        }

        _now = instant > _now ? instant : _now;
        return _now;
    }

    private async Task<PbxResult> ChangeMembersAsync(Func<QueueMachine, PbxResult> change)
    {
        if (_machine is null)
        {
            return PbxResult.Fail(DomainError.QueueNotFound, Name);
        }

        var result = change(_machine);
        if (result.IsOk)
        {
            await SaveAsync();
            await DistributeAsync(At(null));
        }

        return result;
    }

    /// <summary>
    /// Offers waiting callers to free members, publishes the new picture and arranges the next look. A look that
    /// changed nothing (<paramref name="changed"/> false and no offer made: every member still busy) keeps the
    /// picture: with thousands of callers waiting, a new snapshot per queue per look was most of the host's garbage,
    /// and a new version makes every poller fetch the whole snapshot again.
    /// </summary>
    private async Task DistributeAsync(DateTimeOffset now, bool changed = true)
    {
        if (_machine is { HasUnofferedCallers: true } machine)
        {
            // Phones are asked only for members the queue does not hold back itself: with every member in a call, a
            // look costs no grain call at all. A phone found busy remembers this queue and says when it is freed.
            var extensions = machine.ExtensionsThatMayTakeACall(now).Distinct(StringComparer.Ordinal).ToArray();
            DeviceState[] found = extensions.Length == 0 ? [] : await Task.WhenAll(extensions.Select(e => GrainFactory.Ref<IExtensionGrain>(TenantKey.Of(Tenant, e)).WatchUntilFreeAsync(Name)));
            var states = extensions.Zip(found).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            foreach (var (callId, offer) in machine.Distribute(now, e => states.GetValueOrDefault(e, DeviceState.Invalid)))
            {
                GrainFactory.Ref<ICallGrain>(TenantKey.Of(Tenant, callId)).OfferAsync(offer).Ignore();
                changed = true;
            }
        }

        if (changed)
        {
            Publish();
        }

        ScheduleWakeUp(now);
    }

    /// <summary>
    /// Reports what the machine just counted in its statistics, read from them rather than decided again here, so the
    /// metric follows the same rules (callers not counted, the service level at the answer). Only live events come
    /// this way: a queue restored on another silo does not count its history twice.
    /// </summary>
    private void CountOutcome(QueueStatistics before, QueueStatistics after)
    {
        if (after.Answered > before.Answered)
        {
            metrics.QueueCallAnswered(after.AnsweredWithinServiceLevel > before.AnsweredWithinServiceLevel);
        }

        if (after.Abandoned > before.Abandoned)
        {
            metrics.QueueCallAbandoned();
        }
    }

    private void ScheduleWakeUp(DateTimeOffset now)
    {
        _timers.Cancel(_wakeUp);
        _wakeUp = null;
        if (_machine is not { HasUnofferedCallers: true } machine)
        {
            return;
        }

        // No periodic look: every way a member becomes free is an event of this grain (an offer's result, a call's
        // end, a member change, a freed extension's report) or one of these instants. A lost report (a one-way
        // message dropped on a silo's loss) is made good by the look after the loss and by the queue's next event,
        // which asks every member again; a timer as a safety net would cost a look per waiting queue per period.
        if (machine.NextWakeUp(now) is { } at)
        {
            _wakeUp = _timers.ScheduleAt(at);
        }
    }

    private void Publish()
    {
        _version++;
        var before = _snapshot?.Members ?? [];
        _snapshot = (_machine?.Snapshot(_version) ?? new QueueSnapshot { Name = Name, Version = _version, Exists = false }) with { Epoch = _epoch };
        AnnounceMembers(before, _snapshot.Members);
        var waiting = _machine?.WaitingCount ?? 0;
        metrics.QueueWaitingChanged(waiting - _reportedWaiting);
        _reportedWaiting = waiting;
        KeepAliveWhile(_machine is not null);
    }

    /// <summary>
    /// Tells the tenant's event feed what became of the members (what a manager's QueueMember* events show). One way to
    /// a hub, which awaits nothing. Not on activation: a restarted queue's members did not change.
    /// </summary>
    private void AnnounceMembers(ImmutableArray<QueueMemberView> before, ImmutableArray<QueueMemberView> after)
    {
        if (_version == 1)
        {
            return;
        }

        var events = QueueMemberEventRules.Diff(Name, before, after, _now == default ? clock.Now : _now).ToImmutableArray();
        if (!events.IsEmpty)
        {
            GrainFactory.Ref<ICallEventHubGrain>(CallEventShards.KeyOf(Tenant, Name)).PublishAsync(events).Ignore();
        }
    }

    private async Task SaveAsync()
    {
        state.State = new QueueState { Config = _machine!.Config, DynamicMembers = _machine.DynamicMembers };
        await state.WriteStateAsync();
    }

    private QueueMachine NewMachine(QueueConfig config)
    {
        var seed = config.Seed != 0 ? config.Seed : (int)Abstractions.Ids.StableHash.Fnv1a(this.GetPrimaryKeyString());
        _random = new ResumableRandom(seed);
        var machine = new QueueMachine(config, _random);
        machine.ResetStatistics(At(null));
        return machine;
    }
}

[GenerateSerializer, Alias("pbx.queue-state")]
public sealed record class QueueState
{
    [Id(0)] public QueueConfig? Config { get; init; }

    [Id(1)] public ImmutableArray<QueueMemberConfig> DynamicMembers { get; init; } = [];
}
