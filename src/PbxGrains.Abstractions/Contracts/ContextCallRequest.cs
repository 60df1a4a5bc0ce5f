using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>
/// A call placed by the PBX itself: it dials an outside number on the trunk and, once the far end answers, hands the
/// call to a dialplan context (an IVR, a message, an agent's script) instead of bridging it to an extension. When the
/// number does not answer (or is busy, or fails), the call ends in <see cref="HangupContext"/>, which its CDR names.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.context-call")]
public sealed record class ContextCallRequest
{
    /// <summary>The outside number to dial.</summary>
    [Id(0)] public required string Destination { get; init; }

    /// <summary>The context the answered call is sent to.</summary>
    [Id(1)] public required string Context { get; init; }

    [Id(2)] public string? HangupContext { get; init; }

    /// <summary>The caller id presented to the dialled number.</summary>
    [Id(3)] public string CallerIdNumber { get; init; } = "";

    [Id(4)] public string CallerIdName { get; init; } = "";

    [Id(5)] public string? AccountCode { get; init; }

    [Id(6)] public ImmutableDictionary<string, string> CustomFields { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(7)] public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When set, the call is recorded into this file (a name, or a path).</summary>
    [Id(8)] public string? RecordingFile { get; init; }

    [Id(9)] public int? RingTimeoutSeconds { get; init; }

    /// <summary>The trunk to dial out on; by default the tenant's.</summary>
    [Id(10)] public string? Trunk { get; init; }

    [Id(11)] public int? Seed { get; init; }
}
