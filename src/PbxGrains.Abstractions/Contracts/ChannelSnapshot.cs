using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>What the channel is connected to on the PBX side.</summary>
public enum EndpointKind
{
    Extension = 0,
    Trunk = 1,
}

/// <summary>
/// An immutable picture of one call leg, published by its call after every change. <see cref="Version"/> grows with
/// each change so that a reader can drop a picture older than the one it has.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.channel")]
public sealed record class ChannelSnapshot
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required string UniqueId { get; init; }

    /// <summary>The call (bridge) that owns the leg: the unique id of its first leg.</summary>
    [Id(2)] public required string CallId { get; init; }

    [Id(3)] public ChannelState State { get; init; }

    [Id(4)] public bool OnHold { get; init; }

    [Id(5)] public int? ParkedSlot { get; init; }

    [Id(6)] public string? SpyTarget { get; init; }

    [Id(7)] public SpyMode SpyMode { get; init; }

    [Id(8)] public string CallerIdNumber { get; init; } = "";

    [Id(9)] public string CallerIdName { get; init; } = "";

    [Id(10)] public string ConnectedLineNumber { get; init; } = "";

    [Id(11)] public string ConnectedLineName { get; init; } = "";

    [Id(12)] public string AccountCode { get; init; } = "";

    [Id(13)] public string Context { get; init; } = "default";

    /// <summary>The dialled extension or number this leg is for (Asterisk's exten).</summary>
    [Id(14)] public string Exten { get; init; } = "";

    [Id(15)] public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(16)] public bool Recording { get; init; }

    [Id(17)] public string? RecordingFile { get; init; }

    /// <summary>The channel this one is bridged to.</summary>
    [Id(18)] public string? LinkedChannel { get; init; }

    [Id(19)] public DateTimeOffset Created { get; init; }

    [Id(20)] public DateTimeOffset? Answered { get; init; }

    /// <summary>Set once the leg has hung up; a hung-up leg is published once more and then forgotten.</summary>
    [Id(21)] public HangupCause? HangupCause { get; init; }

    [Id(22)] public EndpointKind EndpointKind { get; init; }

    /// <summary>The extension number, or the trunk name for a trunk leg.</summary>
    [Id(23)] public string Endpoint { get; init; } = "";

    /// <summary>The Asterisk application the leg is in (Dial, Queue, ChanSpy, Parked, AppDial).</summary>
    [Id(24)] public string Application { get; init; } = "";

    /// <summary>The queue the leg waits in or was connected through.</summary>
    [Id(25)] public string? Queue { get; init; }

    [Id(26)] public long Version { get; init; }

    [Id(27)] public string Tech { get; init; } = "SIP";

    public bool IsHungUp => HangupCause is not null;

    /// <summary>The device part of the name, e.g. <c>SIP/4003</c>.</summary>
    public string Device => Ids.UniqueId.DeviceOf(Name);
}
