using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

[GenerateSerializer, Immutable, Alias("pbx.ringgroup-config")]
public sealed record class RingGroupConfig
{
    [Id(0)] public required string Number { get; init; }

    [Id(1)] public string Description { get; init; } = "";

    [Id(2)] public RingGroupStrategy Strategy { get; init; } = RingGroupStrategy.RingAll;

    /// <summary>Seconds the group rings in all (ringall) or each member rings (hunt strategies).</summary>
    [Id(3)] public int RingTimeSeconds { get; init; } = 20;

    /// <summary>Extension numbers (or outside numbers) in ring order; the first is the primary.</summary>
    [Id(4)] public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>Settings stored and returned but not acted on (announcements, caller id prefixes, …).</summary>
    [Id(5)] public ImmutableDictionary<string, string> Settings { get; init; } = ImmutableDictionary<string, string>.Empty;
}
