using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>
/// The corporate-directory entry of the person behind an extension: names, contact numbers, organisation and the
/// servers that serve the user. Everything is free text the call model stores and lists; it routes nothing by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.person")]
public sealed record class PersonDetails
{
    /// <summary>The user's login (often an e-mail address).</summary>
    [Id(0)] public string Login { get; init; } = "";

    [Id(1)] public string FirstName { get; init; } = "";

    [Id(2)] public string LastName { get; init; } = "";

    /// <summary>The user group (a department code or number).</summary>
    [Id(3)] public string Group { get; init; } = "";

    // [Id(4)] is free: a department field was dropped before release (no document shows one).

    [Id(5)] public string Mobile { get; init; } = "";

    [Id(6)] public string Home { get; init; } = "";

    [Id(7)] public string Fax { get; init; } = "";

    [Id(8)] public string Email { get; init; } = "";

    [Id(9)] public string Company { get; init; } = "";

    [Id(10)] public string Office { get; init; } = "";

    /// <summary>The site (location); null when the directory has none.</summary>
    [Id(11)] public string? Site { get; init; }

    /// <summary>The administrator account that manages the entry.</summary>
    [Id(12)] public string Admin { get; init; } = "";

    /// <summary>The number the user's outside calls present; null when the directory has none.</summary>
    [Id(13)] public string? OutgoingNumber { get; init; }

    /// <summary>Where the entry comes from (the system of record).</summary>
    [Id(14)] public string Source { get; init; } = "";

    /// <summary>Hidden entries are left out of directory listings unless asked for.</summary>
    [Id(15)] public bool Hidden { get; init; }

    /// <summary>The telephony servers that serve the user, primary first: a licence key and an address each.</summary>
    [Id(16)] public ImmutableArray<ServerKey> Servers { get; init; } = [];

    /// <summary>The numeric id and name of the dialplan context the user belongs to, as a directory shows them.</summary>
    [Id(17)] public string ContextId { get; init; } = "";
}

/// <summary>A telephony server that serves a user: its licence key and its address.</summary>
[GenerateSerializer, Immutable, Alias("pbx.server-key")]
public sealed record class ServerKey([property: Id(0)] string Key, [property: Id(1)] string Address);

/// <summary>What kind of phone a phone id names.</summary>
public enum PhoneKind
{
    /// <summary>A physical desk phone.</summary>
    Desk = 0,

    /// <summary>A software phone on a computer or a mobile.</summary>
    Soft = 1,

    /// <summary>A phone that exists only as an identity: it follows its user onto a shared desk phone at login.</summary>
    Virtual = 2,
}

/// <summary>A phone of the tenant's inventory: its id, kind and hardware address.</summary>
[GenerateSerializer, Immutable, Alias("pbx.phone")]
public sealed record class PhoneConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public PhoneKind Kind { get; init; }

    /// <summary>The hardware (MAC) address, 12 hex digits; empty for virtual and soft phones.</summary>
    [Id(2)] public string Mac { get; init; } = "";

    [Id(3)] public string Model { get; init; } = "";
}

/// <summary>A status a profile offers (a call flow the user switches to), with what it may be changed by.</summary>
[GenerateSerializer, Immutable, Alias("pbx.profile-status")]
public sealed record class ProfileStatus
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>A permission mask of who may select the status.</summary>
    [Id(1)] public int Permission { get; init; } = 30;

    /// <summary>The status name by language (ISO 639-1).</summary>
    [Id(2)] public ImmutableDictionary<string, string> Translations { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>Who may change a profile parameter.</summary>
public enum ParameterScope
{
    /// <summary>The user (and so any API acting for the user).</summary>
    User = 0,

    /// <summary>An administrator only.</summary>
    Admin = 1,
}

/// <summary>A parameter a profile's call flows read (a forward number, a pincode), with its type and default.</summary>
[GenerateSerializer, Immutable, Alias("pbx.profile-parameter")]
public sealed record class ProfileParameter
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public string FriendlyName { get; init; } = "";

    [Id(2)] public string Description { get; init; } = "";

    /// <summary>The value type (free text such as EXTENSION, DEVICE, STRING, NUMBER, ENUM).</summary>
    [Id(3)] public string Type { get; init; } = "STRING";

    [Id(4)] public ParameterScope Scope { get; init; }

    /// <summary>The value of an extension that has set none.</summary>
    [Id(5)] public string Default { get; init; } = "";

    /// <summary>The values an enumeration allows (empty for any).</summary>
    [Id(6)] public ImmutableArray<string> Options { get; init; } = [];

    /// <summary>The friendly name by language (ISO 639-1).</summary>
    [Id(7)] public ImmutableDictionary<string, string> Translations { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>
/// A profile (a template of call flows): the statuses a user of it switches between and the parameters its flows
/// read. Profiles of one class can replace each other on an extension; a change of class is an administrator's job.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.profile")]
public sealed record class ProfileConfig
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public string Class { get; init; } = "";

    [Id(2)] public ImmutableArray<ProfileStatus> Statuses { get; init; } = [];

    [Id(3)] public ImmutableArray<ProfileParameter> Parameters { get; init; } = [];
}

/// <summary>The tenant's directory inventory: profiles and phones. People live on their extensions.</summary>
[GenerateSerializer, Immutable, Alias("pbx.directory")]
public sealed record class DirectoryCatalogue
{
    [Id(0)] public ImmutableArray<ProfileConfig> Profiles { get; init; } = [];

    [Id(1)] public ImmutableArray<PhoneConfig> Phones { get; init; } = [];

    public static DirectoryCatalogue Empty { get; } = new();
}
