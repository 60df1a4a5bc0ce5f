using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

public enum ExternalOutcome
{
    Answer = 0,
    Busy = 1,
    NoAnswer = 2,
    Congestion = 3,
}

/// <summary>
/// How the outside world answers a dialled number. <see cref="Pattern"/> uses Asterisk's pattern syntax
/// (<c>_X.</c>, <c>_800XXXXXX</c>) or a literal number; the first matching rule wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.external-rule")]
public sealed record class ExternalRule
{
    [Id(0)] public required string Pattern { get; init; }

    [Id(1)] public ExternalOutcome Outcome { get; init; } = ExternalOutcome.Answer;

    /// <summary>Seconds of ringing before the answer (or before busy/congestion is signalled).</summary>
    [Id(2)] public Distribution Delay { get; init; } = Distribution.Constant(3);

    /// <summary>When set, the far end hangs up this long after answering.</summary>
    [Id(3)] public Distribution? TalkTime { get; init; }

    [Id(4)] public double AnswerProbability { get; init; } = 1.0;
}

/// <summary>What a dialled number reaches inside a tenant.</summary>
public enum DestinationKind
{
    Unknown = 0,
    Extension = 1,
    Queue = 2,
    RingGroup = 3,
    ParkingSlot = 4,
    External = 5,
}

[GenerateSerializer, Immutable, Alias("pbx.destination")]
public sealed record class Destination(
    [property: Id(0)] DestinationKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] string Number)
{
    public static Destination External(string number) => new(DestinationKind.External, number, number);
}

/// <summary>Tenant-wide settings.</summary>
[GenerateSerializer, Immutable, Alias("pbx.tenant-settings")]
public sealed record class TenantSettings
{
    [Id(0)] public string DisplayName { get; init; } = "";

    /// <summary>The trunk outside calls use; trunk legs are named <c>SIP/{trunk}-…</c>.</summary>
    [Id(1)] public string Trunk { get; init; } = "trunk";

    [Id(2)] public ImmutableArray<ExternalRule> OutsideWorld { get; init; } = [];

    [Id(3)] public int Seed { get; init; } = 1;

    /// <summary>Settings of each API surface, by surface name. The call model stores them and never reads them.</summary>
    [Id(4)] public ImmutableDictionary<string, ImmutableDictionary<string, string>> Surfaces { get; init; } = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty;

    /// <summary>Digits that reach an outside line when dialled from an extension (e.g. "0"); empty for none.</summary>
    [Id(5)] public string OutsidePrefix { get; init; } = "";

    /// <summary>The simulation speed the scenario asked for (simulated seconds per real second). Tenants share their
    /// host's clock: the host applies it when it starts with the scenario, see the README.</summary>
    [Id(6)] public double ClockSpeed { get; init; } = 1;

    /// <summary>
    /// Which life of the tenant id these settings belong to: the tenant sets it when it is created (a new one after a
    /// deletion) and keeps it through replaces and settings changes; whatever a scenario gives is ignored. Credentials a
    /// surface derives from the settings (Issabel's token key) include it, so nothing issued to an earlier tenant of
    /// the same id is accepted by a new one. Empty for a tenant stored before it existed.
    /// </summary>
    [Id(7)] public string Incarnation { get; init; } = "";

    /// <summary>
    /// Transport faults injected into the tenant's surface requests (<see cref="FaultRule"/>). Changed through the
    /// tenant's own fault operations or a scenario load; a settings update keeps them.
    /// </summary>
    [Id(8)] public ImmutableArray<FaultRule> Faults { get; init; } = [];
}

/// <summary>Everything that defines a tenant: what a scenario document loads.</summary>
[GenerateSerializer, Immutable, Alias("pbx.tenant-definition")]
public sealed record class TenantDefinition
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public TenantSettings Settings { get; init; } = new();

    [Id(2)] public ImmutableArray<ExtensionConfig> Extensions { get; init; } = [];

    [Id(3)] public ImmutableArray<QueueConfig> Queues { get; init; } = [];

    [Id(4)] public ImmutableArray<AgentConfig> Agents { get; init; } = [];

    [Id(5)] public ImmutableArray<RingGroupConfig> RingGroups { get; init; } = [];

    [Id(6)] public ImmutableArray<ParkingLotConfig> ParkingLots { get; init; } = [];

    /// <summary>Registrations to apply after loading, by extension number.</summary>
    [Id(7)] public ImmutableDictionary<string, Registration> Registrations { get; init; } = ImmutableDictionary<string, Registration>.Empty;

    /// <summary>Agents logged in at load time: agent id → extension.</summary>
    [Id(8)] public ImmutableDictionary<string, string> AgentLogins { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Traffic generators; each one's seed is derived from the tenant's seed and its name when loaded.</summary>
    [Id(9)] public ImmutableArray<TrafficConfig> Traffic { get; init; } = [];

    /// <summary>Inbound number routing (DIDs with time filters, routes, feature flags, hot desks).</summary>
    [Id(10)] public NumberRouting NumberRouting { get; init; } = NumberRouting.Empty;

    /// <summary>Profiles (statuses, parameters) and the phone inventory.</summary>
    [Id(11)] public DirectoryCatalogue Directory { get; init; } = DirectoryCatalogue.Empty;
}

/// <summary>The tenant's catalogue: what exists, for listings and number resolution.</summary>
[GenerateSerializer, Immutable, Alias("pbx.tenant-view")]
public sealed record class TenantView
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public TenantSettings Settings { get; init; } = new();

    [Id(2)] public ImmutableArray<string> Extensions { get; init; } = [];

    [Id(3)] public ImmutableArray<string> Queues { get; init; } = [];

    [Id(4)] public ImmutableArray<string> Agents { get; init; } = [];

    [Id(5)] public ImmutableArray<string> RingGroups { get; init; } = [];

    [Id(6)] public ImmutableArray<string> ParkingLots { get; init; } = [];

    [Id(7)] public DateTimeOffset Created { get; init; }

    [Id(8)] public long Version { get; init; }

    [Id(9)] public ImmutableArray<string> Traffic { get; init; } = [];
}

/// <summary>Ways to find an extension other than by its number.</summary>
public enum ExtensionLookup
{
    Number = 0,
    PublicNumber = 1,
    SipUser = 2,
    DatabaseId = 3,

    /// <summary>By device (interface) name, e.g. <c>SIP/4002</c>, or by a phone id attached to the line.</summary>
    Device = 4,
}

/// <summary>What the extension grain reports of itself.</summary>
[GenerateSerializer, Immutable, Alias("pbx.extension")]
public sealed record class ExtensionView
{
    [Id(0)] public required ExtensionConfig Config { get; init; }

    [Id(1)] public Registration? Registration { get; init; }

    [Id(2)] public DeviceState DeviceState { get; init; }

    /// <summary>The live channels of the extension, oldest first.</summary>
    [Id(3)] public ImmutableArray<ChannelSnapshot> Channels { get; init; } = [];

    [Id(4)] public bool Exists { get; init; }

    [Id(5)] public long Version { get; init; }

    public bool Registered => Registration is not null;
}
