using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>Ring <see cref="SpyExtension"/>; once answered it listens to (or whispers into, or barges into) the target.</summary>
[GenerateSerializer, Immutable, Alias("pbx.spy")]
public sealed record class SpyRequest
{
    [Id(0)] public required string SpyExtension { get; init; }

    [Id(1)] public required string TargetChannel { get; init; }

    [Id(2)] public SpyMode Mode { get; init; } = SpyMode.Listen;

    /// <summary>Caller id shown on the spy's phone while it rings.</summary>
    [Id(3)] public string? CallerIdNumber { get; init; }

    [Id(4)] public string? CallerIdName { get; init; }

    [Id(5)] public int? RingTimeoutSeconds { get; init; }
}

