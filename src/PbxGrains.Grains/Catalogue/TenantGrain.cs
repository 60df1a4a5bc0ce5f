using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// A tenant's catalogue. Its decisions are plain code (<see cref="TenantRules"/>, <see cref="TenantCatalogue"/>); the
/// grain configures the entity grains and persists the result. It awaits the grains it configures (extensions,
/// queues, agents, ring groups, parking lots, number routing, the tenant directory) and never a call: calls await the
/// tenant to resolve numbers, so the tenant awaiting a call could close a cycle. Hanging up a deleted tenant's calls
/// is therefore the client's job (PbxClient).
/// </summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", PbxStorage.Name)] IPersistentState<TenantState> state,
    PbxClock clock,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private TenantIndex? _index;

    // Not state: the catalogue as readers get it, built on the first read after a change and then handed out as is
    // (it is immutable, so Orleans passes it without a copy within the silo), so a read costs no copy of the lists.
    private TenantView? _view;

    // Not state: the number routing grain's latest routing, which resolution follows. It is read again on activation.
    private NumberRouting _routing = NumberRouting.Empty;

    private string Id => this.GetPrimaryKeyString();

    private TenantIndex Index => _index ??= new TenantIndex(state.State, _routing);

    private INumberRoutingGrain Routing => GrainFactory.Ref<INumberRoutingGrain>(Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Exists)
        {
            return;
        }

        // An incident due while no activation held the tenant is applied (or undone) now.
        await TellIncidentsAsync([], state.State.Settings.Faults);

        // The routing grain awaits nothing, so awaiting it here cannot close a cycle.
        var routing = await Routing.GetAsync();
        _routing = routing ?? NumberRouting.Empty;
        if (state.State.NumberRouting.Version > 0)
        {
            await HandOverKeptRoutingAsync(state.State.NumberRouting, handedOverBefore: routing is not null);
        }
    }

    public async Task<PbxResult<TenantView>> LoadAsync(TenantDefinition definition, bool replace)
    {
        if (definition.Id != Id)
        {
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, $"tenant: '{definition.Id}' does not match '{Id}'");
        }

        if (state.State.Exists && !replace)
        {
            return PbxResult<TenantView>.Fail(DomainError.TenantAlreadyExists, $"tenant {Id} exists");
        }

        if (TenantRules.Check(definition) is { Any: true } problems)
        {
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        var previous = state.State;
        try
        {
            if (previous.Exists)
            {
                // Generators that the new definition drops go first, so none of them starts a call while the rest
                // changes. Ones it keeps are replaced by their Apply below: sending them Remove as well would rely on
                // two one-way messages arriving in order, which Orleans does not promise.
                var dropped = TenantCatalogue.Dropped(previous, definition);
                await Task.WhenAll(dropped.Traffic.Select(t => Traffic(t).RemoveAsync()));
                await RemoveEntitiesAsync(dropped);
            }

            await ApplyAsync(definition);
            UseRouting(await Expect(Routing.ReplaceAsync(definition.NumberRouting)));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Nothing of a failed load may remain: remove everything it touched and forget the tenant.
            logger.LogError(error, "Loading tenant {Tenant} failed; rolling back", Id);
            await RemoveEntitiesAsync(TenantCatalogue.Entities(definition));
            await Routing.ClearAsync();
            await state.ClearStateAsync();
            state.State = new TenantState();
            Changed();
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, $"loading failed: {error.Message}");
        }

        state.State = TenantCatalogue.Loaded(previous, definition, clock.Now, Guid.NewGuid().ToString("N"));
        await state.WriteStateAsync();
        Changed();

        // Traffic starts last, once everything it calls exists. One way: generators await calls, which await us.
        foreach (var traffic in definition.Traffic)
        {
            await Traffic(traffic.Name).ApplyAsync(traffic with
            {
                Seed = traffic.Seed != 0 ? traffic.Seed : Seeds.Derive(definition.Settings.Seed, $"traffic/{traffic.Name}"),
                Trunk = traffic.Trunk.Length > 0 ? traffic.Trunk : definition.Settings.Trunk,
            });
        }

        // Incidents last too: they act on the extensions, queues and generators just loaded.
        await TellIncidentsAsync(previous.Settings.Faults, state.State.Settings.Faults);

        await GrainFactory.GetGrain<ITenantDirectoryGrain>(0).AddAsync(Id);
        return PbxResult<TenantView>.Success(_view ??= TenantCatalogue.View(Id, state.State));
    }

    public async Task<PbxResult> DeleteAsync()
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        var current = TenantCatalogue.Entities(state.State);
        await TellIncidentsAsync(state.State.Settings.Faults, []);
        await Task.WhenAll(current.Traffic.Select(t => Traffic(t).RemoveAsync()));
        await RemoveEntitiesAsync(current);
        await Routing.ClearAsync();
        await state.ClearStateAsync();
        state.State = new TenantState();
        Changed();
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(0).RemoveAsync(Id);

        // A deleted tenant holds nothing: its activation goes too, and a new tenant of the same id starts from storage.
        DeactivateOnIdle();
        return PbxResult.Ok;
    }

    public Task<TenantView?> GetAsync() => Task.FromResult(state.State.Exists ? _view ??= TenantCatalogue.View(Id, state.State) : null);

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Exists);

    public Task<TenantSettings?> GetSettingsAsync() => Task.FromResult(state.State.Exists ? state.State.Settings : null);

    // Calls resolve at the call model's clock, so inbound number routes follow its (possibly simulated) time of day.
    public Task<Destination> ResolveAsync(string number) =>
        Task.FromResult(state.State.Exists ? Index.Resolve(number, clock.Now) : new Destination(DestinationKind.Unknown, "", number));

    public Task<string?> FindExtensionAsync(ExtensionLookup by, string value) =>
        Task.FromResult(state.State.Exists ? Index.FindExtension(by, value) : null);

    public Task UseNumberRoutingAsync(NumberRouting routing)
    {
        UseRouting(routing);
        return Task.CompletedTask;
    }

    public Task<DirectoryCatalogue?> GetDirectoryAsync() => Task.FromResult(state.State.Exists ? state.State.Directory : null);

    public Task<PbxResult> UpsertExtensionAsync(ExtensionConfig config) => SaveExtensionAsync(config, replace: true);

    public Task<PbxResult> AddExtensionAsync(ExtensionConfig config) => SaveExtensionAsync(config, replace: false);

    public Task<PbxResult<string>> CreateExtensionAsync(ExtensionConfig template, string firstNumber) =>
        CreateAsync(firstNumber, number => SaveExtensionAsync(template with { Number = number }, replace: false));

    public Task<PbxResult> RemoveExtensionAsync(string number) => RemoveExtensionsAsync([number]);

    public Task<PbxResult> RemoveExtensionsAsync(ImmutableArray<string> numbers) => RemoveAllAsync(
        numbers, state.State.Extensions.ContainsKey, DomainError.ExtensionNotFound, n => Extension(n).RemoveAsync(), TenantCatalogue.WithoutExtensions);

    public Task<PbxResult> UpsertQueueAsync(QueueConfig config) => SaveQueueAsync(config, replace: true);

    public Task<PbxResult> AddQueueAsync(QueueConfig config) => SaveQueueAsync(config, replace: false);

    public Task<PbxResult<string>> CreateQueueAsync(QueueConfig template, string firstNumber) =>
        CreateAsync(firstNumber, number => SaveQueueAsync(template with { Name = template.Name.Length > 0 ? template.Name : number, Number = number }, replace: false));

    public Task<PbxResult> RemoveQueuesAsync(ImmutableArray<string> names) => RemoveAllAsync(
        names, state.State.Queues.ContainsKey, DomainError.QueueNotFound, n => Queue(n).RemoveAsync(), TenantCatalogue.WithoutQueues);

    public Task<PbxResult> UpsertAgentAsync(AgentConfig config) =>
        SaveAsync(PbxResult.Ok, () => Agent(config.Id).ConfigureAsync(config), tenant => TenantCatalogue.WithAgent(tenant, config));

    public Task<PbxResult> UpsertRingGroupAsync(RingGroupConfig config) => SaveRingGroupAsync(config, replace: true);

    public Task<PbxResult> AddRingGroupAsync(RingGroupConfig config) => SaveRingGroupAsync(config, replace: false);

    public Task<PbxResult<string>> CreateRingGroupAsync(RingGroupConfig template, string firstNumber) =>
        CreateAsync(firstNumber, number => SaveRingGroupAsync(template with { Number = number }, replace: false));

    public Task<PbxResult> RemoveRingGroupAsync(string number) => RemoveRingGroupsAsync([number]);

    public Task<PbxResult> RemoveRingGroupsAsync(ImmutableArray<string> numbers) => RemoveAllAsync(
        numbers, state.State.RingGroups.Contains, DomainError.RingGroupNotFound, n => RingGroup(n).RemoveAsync(), TenantCatalogue.WithoutRingGroups);

    public async Task<PbxResult> UpdateSettingsAsync(TenantSettings settings)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (SettingsRules.Check(settings) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        await SaveAsync(TenantCatalogue.WithSettings(state.State, settings));
        return PbxResult.Ok;
    }

    private Task<PbxResult> SaveExtensionAsync(ExtensionConfig config, bool replace) => SaveAsync(
        ExtensionRules.Check(config) is { Any: true } problems
            ? PbxResult.Fail(DomainError.InvalidArgument, problems.ToString())
            : TenantCatalogue.Claim(Index, config.Number, DestinationKind.Extension, replace),
        () => Extension(config.Number).ConfigureAsync(config),
        tenant => TenantCatalogue.WithExtension(tenant, config));

    // The queue and ring group grains check their configuration when they take it.
    private Task<PbxResult> SaveQueueAsync(QueueConfig config, bool replace) => SaveAsync(
        TenantCatalogue.ClaimQueue(state.State, Index, config, replace),
        () => Queue(config.Name).ConfigureAsync(config),
        tenant => TenantCatalogue.WithQueue(tenant, config));

    private Task<PbxResult> SaveRingGroupAsync(RingGroupConfig config, bool replace) => SaveAsync(
        TenantCatalogue.Claim(Index, config.Number, DestinationKind.RingGroup, replace),
        () => RingGroup(config.Number).ConfigureAsync(config),
        tenant => TenantCatalogue.WithRingGroup(tenant, config));

    /// <summary>
    /// One entity created or changed: refused when the tenant does not exist or the catalogue says no, else the entity
    /// grain takes the configuration and, when it accepts it, the catalogue records it.
    /// </summary>
    private async Task<PbxResult> SaveAsync(PbxResult allowed, Func<Task<PbxResult>> configure, Func<TenantState, TenantState> next)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (!allowed.IsOk)
        {
            return allowed;
        }

        var result = await configure();
        if (result.IsOk)
        {
            await SaveAsync(next(state.State));
        }

        return result;
    }

    /// <summary>An entity created on the first free number from <paramref name="firstNumber"/>, chosen in the tenant's turn.</summary>
    private async Task<PbxResult<string>> CreateAsync(string firstNumber, Func<string, Task<PbxResult>> save)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        var number = TenantCatalogue.FreeNumber(Index, firstNumber);
        if (!number.IsOk)
        {
            return number;
        }

        var saved = await save(number.Value!);
        return saved.IsOk ? number : saved;
    }

    /// <summary>All or nothing: every key is checked before the first entity is removed, and the catalogue is written once.</summary>
    private async Task<PbxResult> RemoveAllAsync(
        ImmutableArray<string> keys, Func<string, bool> exists, DomainError missingError, Func<string, Task> remove, Func<TenantState, IEnumerable<string>, TenantState> next)
    {
        if (keys.FirstOrDefault(k => !exists(k)) is { } missing)
        {
            return PbxResult.Fail(missingError, missing);
        }

        await Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(remove));
        await SaveAsync(next(state.State, keys));
        return PbxResult.Ok;
    }

    private async Task ApplyAsync(TenantDefinition definition)
    {
        await ExpectAllAsync(definition.Extensions.Select(e => Extension(e.Number).ConfigureAsync(e)));
        await ExpectAllAsync(definition.ParkingLots.Select(p => ParkingLot(p.Name).ConfigureAsync(p)));
        await ExpectAllAsync(definition.RingGroups.Select(g => RingGroup(g.Number).ConfigureAsync(g)));
        await ExpectAllAsync(definition.Queues.Select(q => Queue(q.Name).ConfigureAsync(
            q.Seed != 0 ? q : q with { Seed = Seeds.Derive(definition.Settings.Seed, $"queue/{q.Name}") })));
        await ExpectAllAsync(definition.Agents.Select(a => Agent(a.Id).ConfigureAsync(a)));
        await ExpectAllAsync(definition.Registrations.Select(r => Extension(r.Key).RegisterAsync(r.Value)));
        foreach (var (agent, extension) in definition.AgentLogins)
        {
            // Sequential: two agents at one extension must meet in a defined order. A reload finds agents of the
            // previous load still logged in: one already where the definition puts it stays, one elsewhere moves.
            var current = (await Agent(agent).GetAsync())?.Extension;
            if (current == extension)
            {
                continue;
            }

            if (current is not null)
            {
                await Expect(Agent(agent).LogoutAsync());
            }

            await Expect(Agent(agent).LoginAsync(extension, pin: null));
        }
    }

    /// <summary>Removes the entities of every kind but traffic, whose generators go first and on their own.</summary>
    private async Task RemoveEntitiesAsync(CatalogueEntities entities)
    {
        // Agents first: their logout takes them out of queues that are about to go.
        await Task.WhenAll(entities.Agents.Select(a => Agent(a).RemoveAsync()));
        await Task.WhenAll(entities.Queues.Select(q => Queue(q).RemoveAsync()));
        await Task.WhenAll(entities.RingGroups.Select(g => RingGroup(g).RemoveAsync()));
        await Task.WhenAll(entities.Extensions.Select(e => Extension(e).RemoveAsync()));
        await Task.WhenAll(entities.ParkingLots.Select(p => ParkingLot(p).RemoveAsync()));
    }

    /// <summary>
    /// A tenant stored before number routing had its own grain hands its routing over once (loads since write it
    /// there). Should the routing grain refuse it, the tenant keeps resolving with it and tries again when it next
    /// activates.
    /// </summary>
    private async Task HandOverKeptRoutingAsync(NumberRouting kept, bool handedOverBefore)
    {
        if (!handedOverBefore)
        {
            var handedOver = await Routing.ReplaceAsync(kept);
            if (!handedOver.IsOk)
            {
                logger.LogWarning("Tenant {Tenant} keeps its stored number routing: its routing grain refused it ({Problem})", Id, handedOver.Detail);
                _routing = kept;
                return;
            }

            UseRouting(handedOver.Value!);
        }

        await SaveAsync(state.State with { NumberRouting = NumberRouting.Empty });
    }

    private void UseRouting(NumberRouting routing)
    {
        if (routing.Version >= _routing.Version)
        {
            _routing = routing;
            _index = null;
        }
    }

    private async Task SaveAsync(TenantState next)
    {
        var faultsBefore = state.State.Settings.Faults;
        await state.CommitAsync(next with { Version = next.Version + 1 });
        Changed();
        await TellIncidentsAsync(faultsBefore, state.State.Settings.Faults);
    }

    /// <summary>The catalogue changed: the lookups and the readers' view are built again when next needed.</summary>
    private void Changed()
    {
        _index = null;
        _view = null;
    }

    private static async Task ExpectAllAsync(IEnumerable<Task<PbxResult>> work)
    {
        foreach (var result in await Task.WhenAll(work))
        {
            Expect(result);
        }
    }

    private static async Task Expect(Task<PbxResult> work) => Expect(await work);

    private static async Task<T> Expect<T>(Task<PbxResult<T>> work)
    {
        var result = await work;
        Expect(result.AsResult());
        return result.Value!;
    }

    private static void Expect(PbxResult result)
    {
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    private IExtensionGrain Extension(string number) => GrainFactory.Ref<IExtensionGrain>(TenantKey.Of(Id, number));

    private IQueueGrain Queue(string name) => GrainFactory.Ref<IQueueGrain>(TenantKey.Of(Id, name));

    private IAgentGrain Agent(string id) => GrainFactory.Ref<IAgentGrain>(TenantKey.Of(Id, id));

    private IRingGroupGrain RingGroup(string number) => GrainFactory.Ref<IRingGroupGrain>(TenantKey.Of(Id, number));

    private ITrafficGrain Traffic(string name) => GrainFactory.Ref<ITrafficGrain>(TenantKey.Of(Id, name));

    private IParkingLotGrain ParkingLot(string name) => GrainFactory.Ref<IParkingLotGrain>(TenantKey.Of(Id, name));
}
