using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// The tenant's catalogue decisions as plain functions of its state: whether a number may be given to an entity, the
/// first free number, and the catalogue after a change. The grain configures the entity grains and persists what these
/// return; none of them awaits anything.
/// </summary>
public static class TenantCatalogue
{
    /// <summary>How far the search for a free number goes before it gives up.</summary>
    private const int FreeNumberTries = 100_000;

    /// <summary>
    /// Whether <paramref name="number"/> may be given to an entity of <paramref name="kind"/>: for an update
    /// (<paramref name="replace"/>) only an entity of another kind answering it refuses, for a creation anything that
    /// answers it does (a creation never overwrites).
    /// </summary>
    public static PbxResult Claim(TenantIndex index, string number, DestinationKind kind, bool replace)
    {
        var answered = index.Resolve(number).Kind;
        var taken = answered is DestinationKind.Extension or DestinationKind.Queue or DestinationKind.RingGroup or DestinationKind.ParkingSlot &&
            (!replace || answered != kind);
        return taken ? PbxResult.Fail(DomainError.NumberInUse, number) : PbxResult.Ok;
    }

    /// <summary>A queue is known by its name as well as dialled on its number: a creation takes neither from another.</summary>
    public static PbxResult ClaimQueue(TenantState tenant, TenantIndex index, QueueConfig queue, bool replace)
    {
        if (!replace && tenant.Queues.ContainsKey(queue.Name))
        {
            return PbxResult.Fail(DomainError.NumberInUse, queue.Name);
        }

        return queue.Number is { Length: > 0 } number ? Claim(index, number, DestinationKind.Queue, replace) : PbxResult.Ok;
    }

    /// <summary>The lowest number at or above <paramref name="first"/> that nothing of the tenant answers.</summary>
    public static PbxResult<string> FreeNumber(TenantIndex index, string first)
    {
        if (long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
        {
            for (var tries = 0; tries < FreeNumberTries; tries++, candidate++)
            {
                var number = candidate.ToString(CultureInfo.InvariantCulture);
                if (Claim(index, number, DestinationKind.Unknown, replace: false).IsOk)
                {
                    return PbxResult<string>.Success(number);
                }
            }
        }

        return PbxResult<string>.Fail(DomainError.InvalidArgument, $"number: no free number from {first}");
    }

    /// <summary>The catalogue after a load: the definition's, keeping when the tenant was first created.</summary>
    /// <param name="incarnation">The incarnation a tenant that did not exist gets; an existing one keeps its own.</param>
    public static TenantState Loaded(TenantState previous, TenantDefinition definition, DateTimeOffset now, string incarnation) => TenantState.Of(definition) with
    {
        Settings = definition.Settings with
        {
            Incarnation = previous.Exists ? previous.Settings.Incarnation : incarnation,

            // A loaded fault is a new rule: every process counts its matches from zero again.
            Faults = [.. definition.Settings.Faults.Select(f => f with { Version = previous.Version + 1 })],
        },
        Created = previous.Exists ? previous.Created : now,
        Version = previous.Version + 1,
    };

    public static TenantState WithExtension(TenantState tenant, ExtensionConfig config) =>
        tenant with { Extensions = tenant.Extensions.SetItem(config.Number, ExtensionEntry.Of(config)) };

    public static TenantState WithoutExtensions(TenantState tenant, IEnumerable<string> numbers) =>
        tenant with { Extensions = tenant.Extensions.RemoveRange(numbers) };

    public static TenantState WithQueue(TenantState tenant, QueueConfig config) =>
        tenant with { Queues = tenant.Queues.SetItem(config.Name, config.Number ?? "") };

    public static TenantState WithoutQueues(TenantState tenant, IEnumerable<string> names) =>
        tenant with { Queues = tenant.Queues.RemoveRange(names) };

    public static TenantState WithAgent(TenantState tenant, AgentConfig config) =>
        tenant with { Agents = tenant.Agents.Add(config.Id) };

    public static TenantState WithRingGroup(TenantState tenant, RingGroupConfig config) =>
        tenant with { RingGroups = tenant.RingGroups.Add(config.Number) };

    public static TenantState WithoutRingGroups(TenantState tenant, IEnumerable<string> numbers) =>
        tenant with { RingGroups = tenant.RingGroups.Except(numbers) };

    /// <summary>New settings; the tenant's incarnation and its faults are its own and stay.</summary>
    public static TenantState WithSettings(TenantState tenant, TenantSettings settings) =>
        tenant with { Settings = settings with { Incarnation = tenant.Settings.Incarnation, Faults = tenant.Settings.Faults } };

    /// <summary>The tenant's faults replaced by <paramref name="faults"/>.</summary>
    public static TenantState WithFaults(TenantState tenant, ImmutableArray<FaultRule> faults) =>
        tenant with { Settings = tenant.Settings with { Faults = faults } };

    /// <summary>What a reload drops: the entities of the catalogue that the new definition does not name.</summary>
    public static CatalogueEntities Dropped(TenantState previous, TenantDefinition next) => new(
        [.. previous.Extensions.Keys.Except(next.Extensions.Select(e => e.Number))],
        [.. previous.Queues.Keys.Except(next.Queues.Select(q => q.Name))],
        [.. previous.Agents.Except(next.Agents.Select(a => a.Id))],
        [.. previous.RingGroups.Except(next.RingGroups.Select(g => g.Number))],
        [.. previous.ParkingLots.Keys.Except(next.ParkingLots.Select(p => p.Name))],
        [.. previous.Traffic.Except(next.Traffic.Select(t => t.Name))]);

    public static CatalogueEntities Entities(TenantState tenant) => new(
        [.. tenant.Extensions.Keys], [.. tenant.Queues.Keys], [.. tenant.Agents], [.. tenant.RingGroups], [.. tenant.ParkingLots.Keys], [.. tenant.Traffic]);

    public static CatalogueEntities Entities(TenantDefinition definition) => new(
        [.. definition.Extensions.Select(e => e.Number)],
        [.. definition.Queues.Select(q => q.Name)],
        [.. definition.Agents.Select(a => a.Id)],
        [.. definition.RingGroups.Select(g => g.Number)],
        [.. definition.ParkingLots.Select(p => p.Name)],
        [.. definition.Traffic.Select(t => t.Name)]);

    /// <summary>The catalogue as readers get it.</summary>
    public static TenantView View(string id, TenantState tenant) => new()
    {
        Id = id,
        Settings = tenant.Settings,
        Created = tenant.Created,
        Version = tenant.Version,
        Extensions = [.. tenant.Extensions.Keys],
        Queues = [.. tenant.Queues.Keys],
        Agents = [.. tenant.Agents],
        RingGroups = [.. tenant.RingGroups],
        ParkingLots = [.. tenant.ParkingLots.Keys],
        Traffic = [.. tenant.Traffic],
    };
}

/// <summary>The keys of a catalogue's entities, by kind: what a load applies, a reload drops or a deletion removes.</summary>
public sealed record class CatalogueEntities(
    ImmutableArray<string> Extensions,
    ImmutableArray<string> Queues,
    ImmutableArray<string> Agents,
    ImmutableArray<string> RingGroups,
    ImmutableArray<string> ParkingLots,
    ImmutableArray<string> Traffic);
