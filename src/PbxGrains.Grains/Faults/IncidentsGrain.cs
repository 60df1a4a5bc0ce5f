using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Faults;

/// <summary>
/// A tenant's incidents, applied at their <c>from</c> and undone at their <c>until</c> on the call model's clock, through
/// the same operations a tester would use (unregister and register a phone, set a generator's rate, hang a call up), so
/// every surface, the AMI and the CDRs show them as they would show those. Its state is the incidents it was given and
/// what each applied one changed: applied once and undone once, also across a reactivation or a move to another silo.
/// It calls the tenant's extensions, queues, generators and calls, and is called by the tenant one way only.
/// </summary>
public sealed class IncidentsGrain(
    [PersistentState("incidents", PbxStorage.Name)] IPersistentState<IncidentsState> state,
    PbxClock clock,
    PbxClient pbx,
    TimerLag lag,
    PbxMetrics metrics,
    ILogger<IncidentsGrain> logger) : EntityGrain, IIncidentsGrain
{
    /// <summary>How many per-call firings the tenant keeps for the control API.</summary>
    public const int FiredKept = 100;

    private readonly Queue<FiredTelephonyFault> _fired = new();
    private VirtualTimers _timers = null!;
    private long? _next;

    private string Tenant => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timers = new VirtualTimers(clock.Time, this.AsReference<IIncidentsGrain>().OnTimerAsync, lag);
        return state.State.Incidents.IsEmpty && state.State.Applied.IsEmpty ? Task.CompletedTask : ReconcileAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timers.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task RescheduleAsync(ImmutableArray<FaultRule> faults)
    {
        var incidents = faults.Where(f => f.Kind.IsIncident()).ToImmutableArray();
        if (!incidents.SequenceEqual(state.State.Incidents))
        {
            state.State = state.State with { Incidents = incidents };
            await state.WriteStateAsync();
        }

        await ReconcileAsync();
    }

    public Task<ImmutableArray<AppliedIncident>> AppliedAsync() => Task.FromResult(state.State.Applied.Values.OrderBy(a => a.Rule, StringComparer.Ordinal).ToImmutableArray());

    public Task FiredAsync(FiredTelephonyFault fired)
    {
        _fired.Enqueue(fired);
        if (_fired.Count > FiredKept)
        {
            _fired.Dequeue();
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableArray<FiredTelephonyFault>> ListFiredAsync() => Task.FromResult(_fired.ToImmutableArray());

    public async Task OnTimerAsync(long timerId)
    {
        if (_timers.Claim(timerId))
        {
            _next = null;
            await ReconcileAsync();
        }
    }

    /// <summary>Undoes what no longer holds, applies what holds and is not applied yet, and waits for the next change.</summary>
    private async Task ReconcileAsync()
    {
        var now = clock.Now;
        var incidents = state.State.Incidents.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var applied = state.State.Applied;
        foreach (var done in applied.Values)
        {
            if (!incidents.TryGetValue(done.Rule, out var rule) || rule.Version != done.Version || !Holds(rule, now))
            {
                await UndoAsync(done);
                applied = applied.Remove(done.Rule);
            }
        }

        foreach (var rule in incidents.Values.Where(r => Holds(r, now) && !applied.ContainsKey(r.Id)))
        {
            applied = applied.Add(rule.Id, await ApplyAsync(rule, now));
        }

        if (applied != state.State.Applied)
        {
            state.State = state.State with { Applied = applied };
            await state.WriteStateAsync();
        }

        _timers.Cancel(_next);
        _next = NextChange(now) is { } due ? _timers.ScheduleAt(due) : null;
        KeepAliveWhile(_next is not null || !applied.IsEmpty);
    }

    private static bool Holds(FaultRule rule, DateTimeOffset now) =>
        !rule.Paused && (rule.From is not { } from || now >= from) && (rule.Until is not { } until || now < until);

    /// <summary>The next instant an incident starts or ends.</summary>
    private DateTimeOffset? NextChange(DateTimeOffset now) =>
        state.State.Incidents.Where(r => !r.Paused)
            .SelectMany(r => new[] { r.From, r.Until })
            .Where(t => t > now)
            .Min();

    private async Task<AppliedIncident> ApplyAsync(FaultRule rule, DateTimeOffset now)
    {
        var applied = new AppliedIncident { Rule = rule.Id, Version = rule.Version, Kind = rule.Kind, At = now };
        applied = rule.Kind switch
        {
            FaultKind.PhonesUnregister => applied with { Unregistered = await UnregisterAsync(await ExtensionsMatchingAsync(rule)) },
            FaultKind.MembersUnavailable => applied with { Unregistered = await UnregisterAsync(await MembersOfAsync(rule)) },
            FaultKind.CallStorm => applied with { RatesBefore = await StormAsync(rule) },
            FaultKind.PbxRestart => applied with { CallsEnded = await RestartAsync(rule, now) },
            _ => applied,
        };
        metrics.TelephonyFaultFired(Tenant, rule.Kind);
        logger.LogInformation("Fault {Rule} of {Tenant} began: {Kind} ({Phones} phones unregistered, {Generators} generators sped up, {Calls} calls ended)",
            rule.Id, Tenant, FaultKinds.NameOf(rule.Kind), applied.Unregistered.Count, applied.RatesBefore.Count, applied.CallsEnded);
        return applied;
    }

    /// <summary>Registers again the phones it unregistered (unless someone registered them meanwhile) and gives the generators their rates back.</summary>
    private async Task UndoAsync(AppliedIncident applied)
    {
        foreach (var (number, registration) in applied.Unregistered)
        {
            var extension = pbx.Extension(Tenant, number);
            if ((await extension.GetAsync()) is { Exists: true, Registered: false })
            {
                await extension.RegisterAsync(registration);
            }
        }

        foreach (var (name, rate) in applied.RatesBefore)
        {
            await GrainFactory.Ref<ITrafficGrain>(TenantKey.Of(Tenant, name)).SetRateAsync(rate);
        }

        logger.LogInformation("Fault {Rule} of {Tenant} ended: {Kind}", applied.Rule, Tenant, FaultKinds.NameOf(applied.Kind));
    }

    private async Task<TenantView?> TenantAsync() => await pbx.Tenant(Tenant).GetAsync();

    /// <summary>The extensions the rule names, and of those its share (drawn per extension from the rule's seed, so the same seed picks the same phones).</summary>
    private async Task<IEnumerable<string>> ExtensionsMatchingAsync(FaultRule rule) =>
        ((await TenantAsync())?.Extensions ?? [])
            .Where(n => rule.Numbers.Length == 0 || AsteriskPattern.Matches(rule.Numbers, n))
            .Where(n => rule.Probability >= 1 || new Random(Seeds.Derive(rule.Seed, n)).NextDouble() < rule.Probability);

    /// <summary>The members of the queues the rule names (by name or number; none: every queue).</summary>
    private async Task<IEnumerable<string>> MembersOfAsync(FaultRule rule)
    {
        var members = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var queue in (await TenantAsync())?.Queues ?? [])
        {
            var snapshot = await pbx.Queue(Tenant, queue).GetSnapshotAsync();
            if (rule.Numbers.Length == 0 || rule.Numbers == queue || rule.Numbers == snapshot.Config?.Number)
            {
                members.UnionWith(snapshot.Members.Select(m => m.Extension));
            }
        }

        return members;
    }

    private async Task<ImmutableDictionary<string, Registration>> UnregisterAsync(IEnumerable<string> numbers)
    {
        var unregistered = ImmutableDictionary.CreateBuilder<string, Registration>(StringComparer.Ordinal);
        foreach (var number in numbers)
        {
            var extension = pbx.Extension(Tenant, number);
            if ((await extension.GetAsync()).Registration is { } registration && (await extension.UnregisterAsync()).IsOk)
            {
                unregistered[number] = registration;
            }
        }

        return unregistered.ToImmutable();
    }

    private async Task<ImmutableDictionary<string, double>> StormAsync(FaultRule rule)
    {
        var before = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var name in ((await TenantAsync())?.Traffic ?? []).Where(n => rule.Numbers.Length == 0 || rule.Numbers == n))
        {
            var generator = GrainFactory.Ref<ITrafficGrain>(TenantKey.Of(Tenant, name));
            var rate = (await generator.GetAsync()).Config.CallsPerHour;
            if ((await generator.SetRateAsync(rate * rule.Factor)).IsOk)
            {
                before[name] = rate;
            }
        }

        return before.ToImmutable();
    }

    /// <summary>How long a restart's events stay silent when the rule gives no <c>until</c> (simulated).</summary>
    private static readonly TimeSpan DefaultRestartSilence = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every live call of the tenant ends with the rule's cause (network out of order unless it names one), and the
    /// tenant's event feed passes nothing on until the restart is over (its <c>until</c>, else 30 s): the hang-ups of
    /// a restart are not announced, as a restarting PBX announces nothing.
    /// </summary>
    private async Task<int> RestartAsync(FaultRule rule, DateTimeOffset now)
    {
        var silentUntil = rule.Until ?? now + DefaultRestartSilence;
        await Task.WhenAll(CallEventShards.AllKeys(Tenant).Select(k => GrainFactory.Ref<ICallEventHubGrain>(k).SilenceUntilAsync(silentUntil)));
        var cause = rule.Cause == HangupCause.NotDefined ? HangupCause.NetworkOutOfOrder : rule.Cause;
        var ended = 0;
        foreach (var call in await pbx.ListCallsAsync(Tenant))
        {
            if ((await pbx.Call(Tenant, call.CallId).HangupAsync(null, cause)).IsOk)
            {
                ended++;
            }
        }

        return ended;
    }
}

[GenerateSerializer, Alias("pbx.incidents-state")]
public sealed record class IncidentsState
{
    [Id(0)] public ImmutableArray<FaultRule> Incidents { get; init; } = [];

    [Id(1)] public ImmutableDictionary<string, AppliedIncident> Applied { get; init; } = ImmutableDictionary<string, AppliedIncident>.Empty;
}
