using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

public enum CallPhase
{
    /// <summary>The first leg rings (an originate rings the source extension first).</summary>
    Setup = 0,

    /// <summary>The destination is being dialled.</summary>
    Dialing = 1,

    /// <summary>Waiting in a queue.</summary>
    Queued = 2,

    /// <summary>Two or more legs are bridged.</summary>
    Connected = 3,

    /// <summary>A leg waits in a parking slot.</summary>
    Parked = 4,

    Ended = 5,
}

/// <summary>An immutable picture of a call (the bridge of its legs).</summary>
[GenerateSerializer, Immutable, Alias("pbx.call")]
public sealed record class CallSnapshot
{
    [Id(0)] public required string CallId { get; init; }

    [Id(1)] public CallPhase Phase { get; init; }

    [Id(2)] public ImmutableArray<ChannelSnapshot> Legs { get; init; } = [];

    /// <summary>The caller: the source extension or the outside number.</summary>
    [Id(3)] public string Source { get; init; } = "";

    [Id(4)] public string Destination { get; init; } = "";

    [Id(5)] public DateTimeOffset Started { get; init; }

    [Id(6)] public DateTimeOffset? Answered { get; init; }

    [Id(7)] public string AccountCode { get; init; } = "";

    [Id(8)] public ImmutableDictionary<string, string> CustomFields { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(9)] public string? Queue { get; init; }

    [Id(10)] public long Version { get; init; }

    [Id(11)] public bool IsOriginate { get; init; }
}

/// <summary>A call detail record, written once when a call ends.</summary>
[GenerateSerializer, Immutable, Alias("pbx.cdr")]
public sealed record class CdrRecord
{
    [Id(0)] public required string UniqueId { get; init; }

    [Id(1)] public DateTimeOffset Start { get; init; }

    [Id(2)] public DateTimeOffset? Answer { get; init; }

    [Id(3)] public DateTimeOffset End { get; init; }

    /// <summary>Whole seconds from start to end.</summary>
    [Id(4)] public int Duration { get; init; }

    /// <summary>Whole seconds from answer to end.</summary>
    [Id(5)] public int BillSec { get; init; }

    [Id(6)] public Model.CdrDisposition Disposition { get; init; }

    [Id(7)] public string Source { get; init; } = "";

    [Id(8)] public string CallerIdName { get; init; } = "";

    [Id(9)] public string Destination { get; init; } = "";

    [Id(10)] public string DestinationContext { get; init; } = "";

    [Id(11)] public string Channel { get; init; } = "";

    [Id(12)] public string DestinationChannel { get; init; } = "";

    [Id(13)] public string AccountCode { get; init; } = "";

    [Id(14)] public ImmutableDictionary<string, string> CustomFields { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(15)] public string? RecordingFile { get; init; }

    [Id(16)] public string LastApplication { get; init; } = "";

    [Id(17)] public ImmutableArray<string> Channels { get; init; } = [];

    [Id(18)] public string? Queue { get; init; }

    [Id(19)] public Model.HangupCause HangupCause { get; init; }
}
