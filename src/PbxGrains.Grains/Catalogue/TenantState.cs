using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Catalogue;

/// <summary>A tenant's catalogue: enough of each entity to list it and to resolve numbers without asking it.</summary>
[GenerateSerializer, Alias("pbx.tenant-state")]
public sealed record class TenantState
{
    [Id(0)] public bool Exists { get; init; }

    [Id(1)] public DateTimeOffset Created { get; init; }

    [Id(2)] public TenantSettings Settings { get; init; } = new();

    [Id(3)] public ImmutableSortedDictionary<string, ExtensionEntry> Extensions { get; init; } = ImmutableSortedDictionary.Create<string, ExtensionEntry>(StringComparer.Ordinal);

    /// <summary>Queue name → the number that dials it (may be empty).</summary>
    [Id(4)] public ImmutableSortedDictionary<string, string> Queues { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    [Id(5)] public ImmutableSortedSet<string> Agents { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    [Id(6)] public ImmutableSortedSet<string> RingGroups { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    [Id(7)] public ImmutableSortedDictionary<string, ParkingLotConfig> ParkingLots { get; init; } = ImmutableSortedDictionary.Create<string, ParkingLotConfig>(StringComparer.Ordinal);

    [Id(8)] public long Version { get; init; }

    [Id(9)] public ImmutableSortedSet<string> Traffic { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>
    /// The number routing as it was kept before it had a grain of its own (<see cref="NumberRoutingGrain"/>): a tenant
    /// that activates with one hands it over and empties this. Nothing else reads or writes it.
    /// </summary>
    [Id(10)] public NumberRouting NumberRouting { get; init; } = NumberRouting.Empty;

    [Id(11)] public DirectoryCatalogue Directory { get; init; } = DirectoryCatalogue.Empty;

    /// <summary>
    /// The catalogue of an existing tenant with the definition's entities and settings. A key given twice keeps its
    /// first entity, as lookups do, so the rules can resolve numbers of a definition they are about to refuse.
    /// </summary>
    public static TenantState Of(TenantDefinition definition) => new()
    {
        Exists = true,
        Settings = definition.Settings,
        Extensions = Keyed(definition.Extensions, e => e.Number, ExtensionEntry.Of),
        Queues = Keyed(definition.Queues, q => q.Name, q => q.Number ?? ""),
        Agents = definition.Agents.Select(a => a.Id).ToImmutableSortedSet(StringComparer.Ordinal),
        RingGroups = definition.RingGroups.Select(g => g.Number).ToImmutableSortedSet(StringComparer.Ordinal),
        ParkingLots = Keyed(definition.ParkingLots, p => p.Name, p => p),
        Traffic = definition.Traffic.Select(t => t.Name).ToImmutableSortedSet(StringComparer.Ordinal),
        Directory = definition.Directory,
    };

    private static ImmutableSortedDictionary<string, TValue> Keyed<T, TValue>(ImmutableArray<T> items, Func<T, string> key, Func<T, TValue> value)
    {
        var keyed = ImmutableSortedDictionary.CreateBuilder<string, TValue>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            keyed.TryAdd(key(item), value(item));
        }

        return keyed.ToImmutable();
    }
}

/// <summary>The lookup keys of an extension.</summary>
[GenerateSerializer, Immutable, Alias("pbx.extension-entry")]
public sealed record class ExtensionEntry(
    [property: Id(0)] string? PublicNumber,
    [property: Id(1)] string SipUser,
    [property: Id(2)] int? DatabaseId,
    [property: Id(3)] string Device,
    [property: Id(4)] ImmutableArray<string> DeviceIds)
{
    public static ExtensionEntry Of(ExtensionConfig config) =>
        new(config.PublicNumber, config.Peer, config.DatabaseId, config.Device, config.DeviceIds.IsDefault ? [] : config.DeviceIds);
}
