using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>
/// Click-to-call: ring the source extension first; once it answers, dial the destination (an extension, a queue, a ring
/// group, a parking slot or an outside number).
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.originate")]
public sealed record class OriginateRequest
{
    [Id(0)] public required string SourceExtension { get; init; }

    [Id(1)] public required string Destination { get; init; }

    /// <summary>Caller id shown on the source phone while it rings (the "dialer" identity).</summary>
    [Id(2)] public string? SourceCallerIdNumber { get; init; }

    [Id(3)] public string? SourceCallerIdName { get; init; }

    /// <summary>Caller id presented to the destination; by default the source extension's own.</summary>
    [Id(4)] public string? DestinationCallerIdNumber { get; init; }

    [Id(5)] public string? DestinationCallerIdName { get; init; }

    [Id(6)] public string? AccountCode { get; init; }

    [Id(7)] public string? Context { get; init; }

    [Id(8)] public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Extra CDR columns stored with the call's record.</summary>
    [Id(9)] public ImmutableDictionary<string, string> CustomFields { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When set, the call is recorded into this file.</summary>
    [Id(10)] public string? RecordingFile { get; init; }

    [Id(11)] public int? SourceRingTimeoutSeconds { get; init; }

    [Id(12)] public int? DestinationRingTimeoutSeconds { get; init; }

    /// <summary>Refuse to ring the source extension unless it is registered and not in use.</summary>
    [Id(13)] public bool RequireSourceAvailable { get; init; }

    /// <summary>Seeds the call's own random draws (phones' delays and talk times); by default derived from its id.</summary>
    [Id(14)] public int? Seed { get; init; }

    /// <summary>The folder the recording goes into (with <see cref="RecordingFile"/>, or the source extension's own
    /// recording when it records its calls); by default the recording store's default folder.</summary>
    [Id(15)] public string? RecordingFolder { get; init; }

    /// <summary>
    /// What <see cref="Destination"/> resolves to, when the one placing the call has already asked the tenant (the
    /// client facade does, to tell a parking slot from a number): the call does not ask again. Left out, the call
    /// resolves it itself.
    /// </summary>
    [Id(16)] public Destination? ResolvedDestination { get; init; }
}

/// <summary>A call from the outside world arriving on a trunk and dialling a number of the PBX.</summary>
[GenerateSerializer, Immutable, Alias("pbx.inbound")]
public sealed record class InboundCallRequest
{
    [Id(0)] public required string CallerIdNumber { get; init; }

    [Id(1)] public string CallerIdName { get; init; } = "";

    /// <summary>The dialled number: a DID, an extension, a queue or a ring group.</summary>
    [Id(2)] public required string Destination { get; init; }

    [Id(3)] public string Trunk { get; init; } = "trunk";

    /// <summary>When set, the caller hangs up by itself this many seconds after entering a queue (patience).</summary>
    [Id(4)] public double? PatienceSeconds { get; init; }

    /// <summary>When set, the caller hangs up this many seconds after being connected.</summary>
    [Id(5)] public double? TalkSeconds { get; init; }

    [Id(6)] public string? AccountCode { get; init; }

    [Id(7)] public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Seeds the call's own random draws; by default derived from its id.</summary>
    [Id(8)] public int? Seed { get; init; }

    /// <summary>
    /// The simulated instant the call arrives: a traffic generator's due time for it (so an arrival handled late is
    /// still stamped when it was due); left out, the instant the request reaches the PBX (the client stamps it).
    /// </summary>
    [Id(9)] public DateTimeOffset? At { get; init; }
}

/// <summary>A call placed from one extension's phone, as if the user dialled the number on it.</summary>
[GenerateSerializer, Immutable, Alias("pbx.dial")]
public sealed record class DialRequest
{
    [Id(0)] public required string FromExtension { get; init; }

    [Id(1)] public required string Destination { get; init; }

    [Id(2)] public string? AccountCode { get; init; }

    [Id(3)] public int? RingTimeoutSeconds { get; init; }

    /// <summary>Seeds the call's own random draws; by default derived from its id.</summary>
    [Id(4)] public int? Seed { get; init; }

    /// <summary>When set, the dialling phone hangs up this many seconds after being connected.</summary>
    [Id(5)] public double? TalkSeconds { get; init; }

    /// <summary>What <see cref="Destination"/> resolves to, when already asked (see <see cref="OriginateRequest.ResolvedDestination"/>).</summary>
    [Id(6)] public Destination? ResolvedDestination { get; init; }

    /// <summary>The simulated instant the number is dialled (see <see cref="InboundCallRequest.At"/>).</summary>
    [Id(7)] public DateTimeOffset? At { get; init; }
}
