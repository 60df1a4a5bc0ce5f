using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;

namespace PbxGrains.Grains.Directory;

/// <summary>
/// A tenant's catalogue. It awaits the grains it configures (extensions, queues, agents, ring groups, parking lots,
/// the tenant directory) and never a call: calls await the tenant to resolve numbers, so the tenant awaiting a call
/// could close a cycle. Hanging up a deleted tenant's calls is therefore the client's job (PbxClient).
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", PbxStorage.Name)] IPersistentState<TenantState> state,
    PbxClock clock,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private TenantIndex? _index;

    // Not state: the catalogue as readers get it, built on the first read after a change and then handed out as is
    // (it is immutable, so Orleans passes it without a copy within the silo), so a read costs no copy of the lists.
    private TenantView? _view;

    private string Id => this.GetPrimaryKeyString();

    private TenantIndex Index => _index ??= new TenantIndex(state.State);

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

        if (TenantValidator.Validate(definition) is { } problem)
        {
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, problem);
        }

        if (NumberRoutingRules.Validate(definition.NumberRouting) is { } routingProblem)
        {
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, $"numberRouting: {routingProblem}");
        }

        if (DirectoryRules.Validate(definition.Directory) is { } directoryProblem)
        {
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, $"directory: {directoryProblem}");
        }

        var previous = state.State;
        try
        {
            if (previous.Exists)
            {
                // Generators that the new definition drops go first, so none of them starts a call while the rest
                // changes. Ones it keeps are replaced by their Apply below: sending them Remove as well would rely on
                // two one-way messages arriving in order, which Orleans does not promise.
                foreach (var name in previous.Traffic.Except(definition.Traffic.Select(t => t.Name)))
                {
                    await Traffic(name).RemoveAsync();
                }

                await RemoveMissingAsync(previous, definition);
            }

            await ApplyAsync(definition);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Nothing of a failed load may remain: remove everything it touched and forget the tenant.
            logger.LogError(error, "Loading tenant {Tenant} failed; rolling back", Id);
            await RemoveEntitiesAsync(definition.Extensions.Select(e => e.Number), definition.Queues.Select(q => q.Name),
                definition.Agents.Select(a => a.Id), definition.RingGroups.Select(g => g.Number), definition.ParkingLots.Select(p => p.Name));
            await state.ClearStateAsync();
            state.State = new TenantState();
            Changed();
            return PbxResult<TenantView>.Fail(DomainError.InvalidArgument, $"loading failed: {error.Message}");
        }

        state.State = new TenantState
        {
            Exists = true,
            Created = previous.Exists ? previous.Created : clock.Now,
            Settings = definition.Settings,
            Extensions = definition.Extensions.ToImmutableSortedDictionary(e => e.Number, ExtensionEntry.Of, StringComparer.Ordinal),
            Queues = definition.Queues.ToImmutableSortedDictionary(q => q.Name, q => q.Number ?? "", StringComparer.Ordinal),
            Agents = definition.Agents.Select(a => a.Id).ToImmutableSortedSet(StringComparer.Ordinal),
            RingGroups = definition.RingGroups.Select(g => g.Number).ToImmutableSortedSet(StringComparer.Ordinal),
            ParkingLots = definition.ParkingLots.ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal),
            Traffic = definition.Traffic.Select(t => t.Name).ToImmutableSortedSet(StringComparer.Ordinal),
            NumberRouting = definition.NumberRouting with { Version = previous.NumberRouting.Version + 1 },
            Directory = definition.Directory,
            Version = previous.Version + 1,
        };
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

        await GrainFactory.GetGrain<ITenantDirectoryGrain>(0).AddAsync(Id);
        return PbxResult<TenantView>.Success(_view ??= View());
    }

    public async Task<PbxResult> DeleteAsync()
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        var current = state.State;
        foreach (var name in current.Traffic)
        {
            await Traffic(name).RemoveAsync();
        }

        await RemoveEntitiesAsync(current.Extensions.Keys, current.Queues.Keys, current.Agents, current.RingGroups, current.ParkingLots.Keys);
        await state.ClearStateAsync();
        state.State = new TenantState();
        Changed();
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(0).RemoveAsync(Id);

        // A deleted tenant holds nothing: its activation goes too, and a new tenant of the same id starts from storage.
        DeactivateOnIdle();
        return PbxResult.Ok;
    }

    public Task<TenantView?> GetAsync() => Task.FromResult(state.State.Exists ? _view ??= View() : null);

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Exists);

    public Task<TenantSettings?> GetSettingsAsync() => Task.FromResult(state.State.Exists ? state.State.Settings : null);

    // Calls resolve at the call model's clock, so inbound number routes follow its (possibly simulated) time of day.
    public Task<Destination> ResolveAsync(string number) =>
        Task.FromResult(state.State.Exists ? Index.Resolve(number, clock.Now) : new Destination(DestinationKind.Unknown, "", number));

    public Task<string?> FindExtensionAsync(ExtensionLookup by, string value) =>
        Task.FromResult(state.State.Exists ? Index.FindExtension(by, value) : null);

    public async Task<PbxResult> UpsertExtensionAsync(ExtensionConfig config)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (ExtensionRules.Validate(config) is { } problem)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problem);
        }

        if (TakenByOther(config.Number, DestinationKind.Extension))
        {
            return PbxResult.Fail(DomainError.NumberInUse, config.Number);
        }

        var result = await Extension(config.Number).ConfigureAsync(config);
        if (result.IsOk)
        {
            await SaveAsync(state.State with { Extensions = state.State.Extensions.SetItem(config.Number, ExtensionEntry.Of(config)) });
        }

        return result;
    }

    public async Task<PbxResult> RemoveExtensionAsync(string number)
    {
        if (!state.State.Extensions.ContainsKey(number))
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, number);
        }

        await Extension(number).RemoveAsync();
        await SaveAsync(state.State with { Extensions = state.State.Extensions.Remove(number) });
        return PbxResult.Ok;
    }

    public async Task<PbxResult> UpsertQueueAsync(QueueConfig config)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (config.Number is { Length: > 0 } dialled && TakenByOther(dialled, DestinationKind.Queue))
        {
            return PbxResult.Fail(DomainError.NumberInUse, dialled);
        }

        var result = await Queue(config.Name).ConfigureAsync(config);
        if (result.IsOk)
        {
            await SaveAsync(state.State with { Queues = state.State.Queues.SetItem(config.Name, config.Number ?? "") });
        }

        return result;
    }

    public async Task<PbxResult> UpsertAgentAsync(AgentConfig config)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        var result = await Agent(config.Id).ConfigureAsync(config);
        if (result.IsOk)
        {
            await SaveAsync(state.State with { Agents = state.State.Agents.Add(config.Id) });
        }

        return result;
    }

    public async Task<PbxResult> UpsertRingGroupAsync(RingGroupConfig config)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (TakenByOther(config.Number, DestinationKind.RingGroup))
        {
            return PbxResult.Fail(DomainError.NumberInUse, config.Number);
        }

        var result = await RingGroup(config.Number).ConfigureAsync(config);
        if (result.IsOk)
        {
            await SaveAsync(state.State with { RingGroups = state.State.RingGroups.Add(config.Number) });
        }

        return result;
    }

    public async Task<PbxResult> RemoveRingGroupAsync(string number)
    {
        if (!state.State.RingGroups.Contains(number))
        {
            return PbxResult.Fail(DomainError.RingGroupNotFound, number);
        }

        await RingGroup(number).RemoveAsync();
        await SaveAsync(state.State with { RingGroups = state.State.RingGroups.Remove(number) });
        return PbxResult.Ok;
    }

    public async Task<PbxResult> UpdateSettingsAsync(TenantSettings settings)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.TenantNotFound, Id);
        }

        if (TenantValidator.Validate(new TenantDefinition { Id = Id, Settings = settings }) is { } problem)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problem);
        }

        await SaveAsync(state.State with { Settings = settings });
        return PbxResult.Ok;
    }

    public async Task<PbxResult<string>> CreateExtensionAsync(ExtensionConfig template, string firstNumber)
    {
        if (FreeNumber(firstNumber) is not { } number)
        {
            return PbxResult<string>.Fail(DomainError.InvalidArgument, $"number: no free number from {firstNumber}");
        }

        var result = await UpsertExtensionAsync(template with { Number = number });
        return result.IsOk ? PbxResult<string>.Success(number) : result;
    }

    public async Task<PbxResult<string>> CreateRingGroupAsync(RingGroupConfig template, string firstNumber)
    {
        if (FreeNumber(firstNumber) is not { } number)
        {
            return PbxResult<string>.Fail(DomainError.InvalidArgument, $"number: no free number from {firstNumber}");
        }

        var result = await UpsertRingGroupAsync(template with { Number = number });
        return result.IsOk ? PbxResult<string>.Success(number) : result;
    }

    public async Task<PbxResult<string>> CreateQueueAsync(QueueConfig template, string firstNumber)
    {
        if (FreeNumber(firstNumber) is not { } number)
        {
            return PbxResult<string>.Fail(DomainError.InvalidArgument, $"number: no free number from {firstNumber}");
        }

        var name = template.Name.Length > 0 ? template.Name : number;
        if (state.State.Queues.ContainsKey(name))
        {
            return PbxResult<string>.Fail(DomainError.NumberInUse, name);
        }

        var result = await UpsertQueueAsync(template with { Name = name, Number = number });
        return result.IsOk ? PbxResult<string>.Success(number) : result;
    }

    public Task<PbxResult> AddExtensionAsync(ExtensionConfig config) =>
        IsTaken(config.Number) ? Task.FromResult(PbxResult.Fail(DomainError.NumberInUse, config.Number)) : UpsertExtensionAsync(config);

    public Task<PbxResult> AddRingGroupAsync(RingGroupConfig config) =>
        IsTaken(config.Number) ? Task.FromResult(PbxResult.Fail(DomainError.NumberInUse, config.Number)) : UpsertRingGroupAsync(config);

    public Task<PbxResult> AddQueueAsync(QueueConfig config)
    {
        if (state.State.Queues.ContainsKey(config.Name))
        {
            return Task.FromResult(PbxResult.Fail(DomainError.NumberInUse, config.Name));
        }

        return config.Number is { Length: > 0 } number && IsTaken(number)
            ? Task.FromResult(PbxResult.Fail(DomainError.NumberInUse, number))
            : UpsertQueueAsync(config);
    }

    public async Task<PbxResult> RemoveExtensionsAsync(ImmutableArray<string> numbers)
    {
        // All or nothing: every number is checked before the first is removed, and the catalogue is written once.
        if (numbers.FirstOrDefault(n => !state.State.Extensions.ContainsKey(n)) is { } missing)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, missing);
        }

        await Task.WhenAll(numbers.Distinct(StringComparer.Ordinal).Select(n => Extension(n).RemoveAsync()));
        await SaveAsync(state.State with { Extensions = state.State.Extensions.RemoveRange(numbers) });
        return PbxResult.Ok;
    }

    public async Task<PbxResult> RemoveRingGroupsAsync(ImmutableArray<string> numbers)
    {
        if (numbers.FirstOrDefault(n => !state.State.RingGroups.Contains(n)) is { } missing)
        {
            return PbxResult.Fail(DomainError.RingGroupNotFound, missing);
        }

        await Task.WhenAll(numbers.Distinct(StringComparer.Ordinal).Select(n => RingGroup(n).RemoveAsync()));
        await SaveAsync(state.State with { RingGroups = state.State.RingGroups.Except(numbers) });
        return PbxResult.Ok;
    }

    public async Task<PbxResult> RemoveQueuesAsync(ImmutableArray<string> names)
    {
        if (names.FirstOrDefault(n => !state.State.Queues.ContainsKey(n)) is { } missing)
        {
            return PbxResult.Fail(DomainError.QueueNotFound, missing);
        }

        await Task.WhenAll(names.Distinct(StringComparer.Ordinal).Select(n => Queue(n).RemoveAsync()));
        await SaveAsync(state.State with { Queues = state.State.Queues.RemoveRange(names) });
        return PbxResult.Ok;
    }

    public Task<NumberRouting?> GetNumberRoutingAsync() => Task.FromResult(state.State.Exists ? state.State.NumberRouting : null);

    public async Task<PbxResult<NumberRouting>> ReplaceNumberRoutingAsync(NumberRouting routing)
    {
        if (!state.State.Exists)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.TenantNotFound, Id);
        }

        if (NumberRoutingRules.Validate(routing) is { } problem)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, problem);
        }

        return await SaveRoutingAsync(routing);
    }

    public async Task<PbxResult<NumberRouting>> UpdateNumberRouteAsync(int id, NumberRouteChange change)
    {
        var routing = state.State.NumberRouting;
        if (!state.State.Exists || routing.Numbers.FirstOrDefault(n => n.Id == id) is not { } number)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"number route {id}");
        }

        var changed = number with
        {
            HolidaysFilterId = Pick(change.HolidaysFilterId, number.HolidaysFilterId),
            VacationsFilterId = Pick(change.VacationsFilterId, number.VacationsFilterId),
            OpeningHoursFilterId = Pick(change.OpeningHoursFilterId, number.OpeningHoursFilterId),
            RouteId = Pick(change.RouteId, number.RouteId),
            FallbackRouteId = Pick(change.FallbackRouteId, number.FallbackRouteId),
        };
        if (NumberRoutingRules.Problem(routing, changed) is { } problem)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, problem);
        }

        return await SaveRoutingAsync(routing with { Numbers = routing.Numbers.Replace(number, changed) });
    }

    public async Task<PbxResult<NumberRouting>> SetFeatureFlagAsync(int id, bool active)
    {
        var routing = state.State.NumberRouting;
        if (!state.State.Exists || routing.Flags.FirstOrDefault(f => f.Id == id) is not { } flag)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"feature flag {id}");
        }

        return await SaveRoutingAsync(routing with { Flags = routing.Flags.Replace(flag, flag with { Active = active }) });
    }

    public async Task<PbxResult<NumberRouting>> UpdateHotDeskAsync(int id, HotDeskChange change)
    {
        var routing = state.State.NumberRouting;
        if (!state.State.Exists || routing.HotDesks.FirstOrDefault(d => d.Id == id) is not { } desk)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, $"hot desk {id}");
        }

        if (change.Extension is { Length: > 0 } user && !state.State.Extensions.ContainsKey(user))
        {
            return PbxResult<NumberRouting>.Fail(DomainError.ExtensionNotFound, user);
        }

        if (change.TemplateId is > 0 and var template && routing.HotDeskTemplates.All(t => t.Id != template))
        {
            return PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, $"template {template} does not exist");
        }

        // One desk per user: logging in here logs the user out of any other desk, as a desk phone login does.
        var now = clock.Now;
        var desks = routing.HotDesks;
        if (change.Extension is { Length: > 0 } moving)
        {
            desks = [.. desks.Select(d => d.Id != id && d.Extension == moving ? d with { Extension = null, PreviousExtension = moving, ChangedAt = now } : d)];
        }

        var loggedIn = change.Extension is null ? desk.Extension : change.Extension.Length == 0 ? null : change.Extension;
        var changed = desk with
        {
            Extension = loggedIn,
            TemplateId = Pick(change.TemplateId, desk.TemplateId),
            // Who was there and when it changed: surfaces that limit how often a user may log in and out read them.
            PreviousExtension = loggedIn == desk.Extension ? desk.PreviousExtension : desk.Extension,
            ChangedAt = loggedIn == desk.Extension ? desk.ChangedAt : now,
        };
        return await SaveRoutingAsync(routing with { HotDesks = [.. desks.Select(d => d.Id == id ? changed : d)] });
    }

    public Task<DirectoryCatalogue?> GetDirectoryAsync() => Task.FromResult(state.State.Exists ? state.State.Directory : null);

    /// <summary>A change's value: null keeps the current one, 0 (or less) clears it.</summary>
    private static int? Pick(int? change, int? current) => change switch
    {
        null => current,
        <= 0 => null,
        _ => change,
    };

    private async Task<PbxResult<NumberRouting>> SaveRoutingAsync(NumberRouting next)
    {
        var routing = next with { Version = state.State.NumberRouting.Version + 1 };
        await SaveAsync(state.State with { NumberRouting = routing });
        return PbxResult<NumberRouting>.Success(routing);
    }

    /// <summary>Whether a destination of another kind already answers <paramref name="number"/> (it would shadow or be shadowed).</summary>
    private bool TakenByOther(string number, DestinationKind kind)
    {
        var resolved = Index.Resolve(number);
        return resolved.Kind is DestinationKind.Extension or DestinationKind.Queue or DestinationKind.RingGroup or DestinationKind.ParkingSlot &&
            resolved.Kind != kind;
    }

    /// <summary>Whether an extension, queue, ring group or parking slot of the tenant answers <paramref name="number"/>.</summary>
    private bool IsTaken(string number) =>
        Index.Resolve(number).Kind is DestinationKind.Extension or DestinationKind.Queue or DestinationKind.RingGroup or DestinationKind.ParkingSlot;

    /// <summary>The lowest number at or above <paramref name="first"/> that nothing of the tenant answers.</summary>
    private string? FreeNumber(string first)
    {
        if (!long.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var candidate))
        {
            return null;
        }

        for (var tries = 0; tries < 100_000; tries++, candidate++)
        {
            var number = candidate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!IsTaken(number))
            {
                return number;
            }
        }

        return null;
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
                await ExpectAsync(Agent(agent).LogoutAsync());
            }

            await ExpectAsync(Agent(agent).LoginAsync(extension, pin: null));
        }
    }

    private async Task RemoveMissingAsync(TenantState previous, TenantDefinition next)
    {
        await RemoveEntitiesAsync(
            previous.Extensions.Keys.Except(next.Extensions.Select(e => e.Number)),
            previous.Queues.Keys.Except(next.Queues.Select(q => q.Name)),
            previous.Agents.Except(next.Agents.Select(a => a.Id)),
            previous.RingGroups.Except(next.RingGroups.Select(g => g.Number)),
            previous.ParkingLots.Keys.Except(next.ParkingLots.Select(p => p.Name)));
    }

    private async Task RemoveEntitiesAsync(
        IEnumerable<string> extensions, IEnumerable<string> queues, IEnumerable<string> agents, IEnumerable<string> ringGroups, IEnumerable<string> parkingLots)
    {
        // Agents first: their logout takes them out of queues that are about to go.
        await Task.WhenAll(agents.Select(a => Agent(a).RemoveAsync()));
        await Task.WhenAll(queues.Select(q => Queue(q).RemoveAsync()));
        await Task.WhenAll(ringGroups.Select(g => RingGroup(g).RemoveAsync()));
        await Task.WhenAll(extensions.Select(e => Extension(e).RemoveAsync()));
        await Task.WhenAll(parkingLots.Select(p => ParkingLot(p).RemoveAsync()));
    }

    private async Task SaveAsync(TenantState next)
    {
        await state.CommitAsync(next with { Version = next.Version + 1 });
        Changed();
    }

    /// <summary>The catalogue changed: the lookups and the readers' view are built again when next needed.</summary>
    private void Changed()
    {
        _index = null;
        _view = null;
    }

    private TenantView View() => new()
    {
        Id = Id,
        Settings = state.State.Settings,
        Created = state.State.Created,
        Version = state.State.Version,
        Extensions = [.. state.State.Extensions.Keys],
        Queues = [.. state.State.Queues.Keys],
        Agents = [.. state.State.Agents],
        RingGroups = [.. state.State.RingGroups],
        ParkingLots = [.. state.State.ParkingLots.Keys],
        Traffic = [.. state.State.Traffic],
    };

    private static async Task ExpectAllAsync(IEnumerable<Task<PbxResult>> work)
    {
        foreach (var result in await Task.WhenAll(work))
        {
            if (!result.IsOk)
            {
                throw new InvalidOperationException(result.ToString());
            }
        }
    }

    private static async Task ExpectAsync(Task<PbxResult> work)
    {
        var result = await work;
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
